using System.Globalization;
using System.Text.RegularExpressions;

namespace LongLivedTransactions.Jsonata.Functions.Formatting;

/// <summary>$toMillis without a picture: jsonata-js's ISO 8601 check, then the reading JavaScript's Date.parse gives.</summary>
internal static partial class IsoTimestamp
{
    /// <summary>Whether jsonata-js accepts the text as an ISO 8601 timestamp (otherwise D3110).</summary>
    public static bool IsAccepted(string timestamp) => Accepted().IsMatch(timestamp);

    /// <summary>
    /// Milliseconds since the epoch as Date.parse reads the accepted forms (a time without an offset is taken as UTC),
    /// or NaN for the accepted texts it rejects (month 13, day 00, an offset on a date alone, ...).
    /// </summary>
    public static double Parse(string timestamp)
    {
        var match = Form().Match(timestamp);
        if (!match.Success)
        {
            return double.NaN;
        }

        var year = Number(match, "year");
        var month = match.Groups["month"].Success ? Number(match, "month") : 1;
        var day = match.Groups["day"].Success ? Number(match, "day") : 1;
        var hasTime = match.Groups["hour"].Success;
        var hour = hasTime ? Number(match, "hour") : 0;
        var minute = hasTime ? Number(match, "minute") : 0;
        var second = hasTime ? Number(match, "second") : 0;
        var fraction = match.Groups["fraction"].Value;
        var millis = fraction.Length == 0 ? 0 : Number(fraction.PadRight(3, '0')[..3]);
        if (month is < 1 or > 12 || day is < 1 or > 31 || hour > 24 || (hour == 24 && (minute > 0 || second > 0 || millis > 0)))
        {
            return double.NaN;
        }

        var offsetMinutes = 0;
        var offset = match.Groups["offset"];
        if (offset.Success && offset.Value != "Z")
        {
            // A numeric offset needs a time; its hours stop at 23.
            var offsetHours = Number(match, "offsetHour");
            if (!hasTime || offsetHours > 23)
            {
                return double.NaN;
            }

            offsetMinutes = (offsetHours * 60) + Number(match, "offsetMinute");
            if (offset.Value[0] == '-')
            {
                offsetMinutes = -offsetMinutes;
            }
        }

        var days = UtcCalendar.DaysFromCivil(year, month, 1) + day - 1;
        var time = (days * UtcDate.MillisPerDay) + (((hour * 60) + minute - offsetMinutes) * 60_000.0) + (second * 1000) + millis;
        return UtcCalendar.TimeClip(time);
    }

    private static int Number(Match match, string group) => Number(match.Groups[group].Value);

    private static int Number(string digits) => int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^\d{4}(-[01]\d)*(-[0-3]\d)*(T[0-2]\d:[0-5]\d:[0-5]\d)*(\.\d+)?([+-][0-2]\d:?[0-5]\d|Z)?$", RegexOptions.ECMAScript)]
    private static partial Regex Accepted();

    [GeneratedRegex(
        @"^(?<year>\d{4})(?:-(?<month>\d\d)(?:-(?<day>\d\d))?)?(?:T(?<hour>\d\d):(?<minute>\d\d):(?<second>\d\d)(?:\.(?<fraction>\d+))?)?(?<offset>Z|[+-](?<offsetHour>\d\d):?(?<offsetMinute>\d\d))?$",
        RegexOptions.ExplicitCapture | RegexOptions.CultureInvariant)]
    private static partial Regex Form();
}
