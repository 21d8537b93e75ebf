using System.Globalization;
using System.Text.RegularExpressions;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Normalisation;

/// <summary>
/// The ISO-8601 date-times the recording replaced (normalisation rule 3): a calendar-valid date from year
/// 1000, 'T', a time with up to nine fraction digits, and a zone designator ('Z' or +hh[[:]mm]). A date-time
/// without a zone, or with an impossible date such as 2016-13-05, is not one.
/// </summary>
internal static partial class Iso8601DateTime
{
    public const string Replacement = "date";

    // Candidates by shape; the calendar check (month range, days per month, leap years) is done in code.
    private const string Candidate =
        @"(?<year>[1-9]\d{3})-(?<month>\d{2})-(?<day>\d{2})"
        + @"T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?"
        + @"(?:Z|[+-][01]\d:?(?:[0-5]\d)?)";

    [GeneratedRegex(Candidate, RegexOptions.CultureInvariant)]
    private static partial Regex CandidatePattern();

    /// <summary>Replaces every date-time inside <paramref name="text"/> by "date".</summary>
    public static string ReplaceAll(string text) =>
        CandidatePattern().Replace(text, match => HasValidDate(match) ? Replacement : match.Value);

    /// <summary>True when <paramref name="text"/> begins with a date-time (what the timestamp rule checks).</summary>
    public static bool StartsWithDateTime(string text)
    {
        var match = CandidatePattern().Match(text);
        return match.Success && match.Index == 0 && HasValidDate(match);
    }

    private static bool HasValidDate(Match match)
    {
        var year = int.Parse(match.Groups["year"].ValueSpan, CultureInfo.InvariantCulture);
        var month = int.Parse(match.Groups["month"].ValueSpan, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups["day"].ValueSpan, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month);
    }
}
