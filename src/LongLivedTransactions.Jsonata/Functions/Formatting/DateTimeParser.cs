using System.Text;
using System.Text.RegularExpressions;

namespace LongLivedTransactions.Jsonata.Functions.Formatting;

/// <summary>
/// $toMillis with a picture: matches the whole string against a regex built from the picture, then fills in the
/// components it did not give, following jsonata-js's rules.
/// </summary>
internal static class DateTimeParser
{
    // Bit masks over the components YXMxWwdD (dates) and PHhmsf (times), most significant first.
    private const int DateYearMonthDay = 0b10100001;
    private const int DateYearDayOfYear = 0b10000010;
    private const int DateWeekOfMonth = 0b01010100;
    private const int DateWeekOfYear = 0b01001000;
    private const int TimeHours24 = 0b010111;
    private const int TimeHours12 = 0b101111;

    /// <summary>Milliseconds since the epoch, NaN when a component is unreadable, or null when nothing matched.</summary>
    /// <param name="timestamp">The text to read.</param>
    /// <param name="picture">The date/time picture.</param>
    /// <param name="now">The evaluation's timestamp, which supplies the components left of those given.</param>
    public static double? Parse(string timestamp, string picture, double now)
    {
        var parts = DateTimePicture.Parse(picture);
        var readers = parts.Select(CreateReader).ToList();
        var pattern = new StringBuilder("^");
        foreach (var reader in readers)
        {
            pattern.Append('(').Append(reader.Pattern).Append(')');
        }

        pattern.Append('$');
        var match = Regex.Match(timestamp, pattern.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ECMAScript);
        if (!match.Success)
        {
            return null;
        }

        // A component missing from the dictionary is undefined; a present one may still be NaN.
        var components = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < readers.Count; i++)
        {
            if (readers[i].Read is { } read && read(match.Groups[i + 1].Value) is { } value)
            {
                components[readers[i].Component] = value;
            }
        }

        if (components.Count == 0)
        {
            return null;
        }

        bool Given(char component) => components.TryGetValue(component.ToString(), out var value) && value != 0 && !double.IsNaN(value);

        var mask = Mask("YXMxWwdD", Given);
        var dateA = IsType(DateYearMonthDay, mask);
        var dateB = !dateA && IsType(DateYearDayOfYear, mask);
        var dateC = IsType(DateWeekOfMonth, mask);
        var dateD = !dateC && IsType(DateWeekOfYear, mask);
        mask = Mask("PHhmsf", Given);
        var timeA = IsType(TimeHours24, mask);
        var timeB = !timeA && IsType(TimeHours12, mask);

        var dateComponents = dateB ? "YD" : dateC ? "XxwF" : dateD ? "XWF" : "YMD";
        var timeComponents = timeB ? "Phmsf" : "Hmsf";
        var nowDate = UtcDate.FromTime(now);
        var startSpecified = false;
        var endSpecified = false;
        foreach (var letter in dateComponents + timeComponents)
        {
            var component = letter.ToString();
            if (!components.ContainsKey(component))
            {
                if (startSpecified)
                {
                    // Right of the given components: the smallest value.
                    components[component] = "MDd".Contains(letter, StringComparison.Ordinal) ? 1 : 0;
                    endSpecified = true;
                }
                else
                {
                    // Left of them: the current date and time ("am"/"pm" never counts as pm below).
                    components[component] = DateTimeComponents.Get(nowDate, component) is double current ? current : double.NaN;
                }
            }
            else
            {
                startSpecified = true;
                if (endSpecified)
                {
                    throw FormattingErrors.Create("D3136");
                }
            }
        }

        var month = components.TryGetValue("M", out var givenMonth) && givenMonth > 0 ? givenMonth - 1 : 0;
        var day = components.GetValueOrDefault("D", double.NaN);
        if (dateB)
        {
            var firstJanuary = UtcCalendar.Utc(components["Y"], 0);
            var derived = UtcDate.FromTime(firstJanuary + ((components["d"] - 1) * UtcDate.MillisPerDay));
            month = derived.Month;
            day = derived.Date;
        }

        if (dateC || dateD)
        {
            // Week dates are not read back, as in jsonata-js.
            throw FormattingErrors.Create("D3136");
        }

        var hours = components.GetValueOrDefault("H", double.NaN);
        if (timeB)
        {
            var hour12 = components["h"];
            hours = hour12 == 12 ? 0 : hour12;
            if (components["P"] == 1)
            {
                hours += 12;
            }
        }

        var millis = UtcCalendar.Utc(
            components["Y"],
            month,
            day,
            hours,
            components["m"],
            components["s"],
            components["f"]);
        var zone = Truthy(components, "Z") ? components["Z"] : components.GetValueOrDefault("z", double.NaN);
        if (zone != 0 && !double.IsNaN(zone))
        {
            millis -= zone * 60 * 1000;
        }

        return millis;
    }

    private static bool Truthy(Dictionary<string, double> components, string key) =>
        components.TryGetValue(key, out var value) && value != 0 && !double.IsNaN(value);

    private static int Mask(string letters, Func<char, bool> given)
    {
        var mask = 0;
        foreach (var letter in letters)
        {
            mask = (mask << 1) + (given(letter) ? 1 : 0);
        }

        return mask;
    }

    /// <summary>No component outside the type is given, and at least one inside it is.</summary>
    private static bool IsType(int type, int mask) => (~type & mask) == 0 && (type & mask) != 0;

    private static Reader CreateReader(DateTimePart part)
    {
        if (part.Literal is { } literal)
        {
            return new Reader(EscapeLiteral(literal), string.Empty, null);
        }

        if (part.Component is "Z" or "z")
        {
            return TimezoneReader(part);
        }

        if (part.IntegerFormat is { } format)
        {
            format.ExpectedWidth = part.YearDigits;
            var matcher = IntegerMatcher.Create(format);
            return new Reader(matcher.Pattern, part.Component, text => matcher.Parse(text));
        }

        var lookup = NameLookup(part);
        return new Reader("[a-zA-Z]+", part.Component, text => lookup.TryGetValue(text, out var value) ? value : null);
    }

    private static Dictionary<string, double> NameLookup(DateTimePart part)
    {
        var lookup = new Dictionary<string, double>(StringComparer.Ordinal);
        var maximum = part.Width?.Maximum is { } width && width != 0 && !double.IsNaN(width) ? (int?)width : null;
        string Shorten(string name) => maximum is { } length ? JsText.Substring(name, 0, length) : name;

        switch (part.Component)
        {
            case "M":
            case "x":
                for (var i = 0; i < DateTimeComponents.MonthNames.Length; i++)
                {
                    lookup[Shorten(DateTimeComponents.MonthNames[i])] = i + 1;
                }

                break;
            case "F":
                for (var i = 1; i < DateTimeComponents.DayNames.Length; i++)
                {
                    lookup[Shorten(DateTimeComponents.DayNames[i])] = i;
                }

                break;
            case "P":
                lookup["am"] = 0;
                lookup["AM"] = 0;
                lookup["pm"] = 1;
                lookup["PM"] = 1;
                break;
            default:
                throw FormattingErrors.Create("D3133", part.Component);
        }

        return lookup;
    }

    private static Reader TimezoneReader(DateTimePart part)
    {
        var separator = part.IntegerFormat!.Regular ? part.IntegerFormat.RegularSeparator.Character : null;
        var pattern = (part.Component == "z" ? "GMT" : string.Empty) + "[-+][0-9]+";
        if (separator is not null)
        {
            pattern += separator + "[0-9]+";
        }

        double? Read(string text)
        {
            if (part.Component == "z")
            {
                text = text[3..];
            }

            double hours;
            var minutes = 0.0;
            if (separator is not null)
            {
                var at = text.IndexOf(separator, StringComparison.Ordinal);
                hours = JsNumber.ParseInt(JsText.Substring(text, 0, at));
                minutes = JsNumber.ParseInt(JsText.Substring(text, at + 1));
            }
            else if (text.Length - 1 <= 2)
            {
                hours = JsNumber.ParseInt(text);
            }
            else
            {
                hours = JsNumber.ParseInt(text[..3]);
                minutes = JsNumber.ParseInt(text[3..]);
            }

            return (hours * 60) + minutes;
        }

        return new Reader(pattern, part.Component, Read);
    }

    /// <summary>Escapes the characters jsonata-js escapes in literal text.</summary>
    private static string EscapeLiteral(string literal)
    {
        var builder = new StringBuilder(literal.Length);
        foreach (var character in literal)
        {
            if (".*+?^${}()|[]\\".Contains(character, StringComparison.Ordinal))
            {
                builder.Append('\\');
            }

            builder.Append(character);
        }

        return builder.ToString();
    }

    private sealed record Reader(string Pattern, string Component, Func<string, double?>? Read);
}
