using System.Text;

namespace LongLivedTransactions.Jsonata.Functions.Formatting;

/// <summary>$fromMillis: formats a timestamp with a date/time picture (XPath F&amp;O 9.8 fn:format-dateTime).</summary>
internal static class DateTimeFormatter
{
    private static readonly List<DateTimePart> _iso8601 = DateTimePicture.Parse(DateTimePicture.Iso8601);
    private static readonly IntegerPicture _twoDigits = IntegerPicture.Parse("00");

    /// <param name="millis">Milliseconds since the epoch.</param>
    /// <param name="picture">The picture, or null for ISO 8601.</param>
    /// <param name="timezone">An offset written ±HHMM, or null for UTC.</param>
    public static string Format(double millis, string? picture, string? timezone, PictureCache cache)
    {
        var offsetHours = 0.0;
        var offsetMinutes = 0.0;
        if (timezone is not null)
        {
            // As in jsonata-js: the offset is read as one integer, hours = floor(n / 100), minutes = n % 100.
            var offset = JsNumber.ParseInt(timezone);
            offsetHours = Math.Floor(offset / 100);
            offsetMinutes = offset % 100;
        }

        var parts = picture is null ? _iso8601 : cache.DateTimePicture(picture);
        var offsetMillis = ((60 * offsetHours) + offsetMinutes) * 60 * 1000;
        var date = UtcDate.FromTime(millis + offsetMillis);
        var result = new StringBuilder();
        foreach (var part in parts)
        {
            result.Append(part.Literal ?? FormatComponent(date, part, offsetHours, offsetMinutes));
        }

        return result.ToString();
    }

    private static string FormatComponent(UtcDate date, DateTimePart part, double offsetHours, double offsetMinutes)
    {
        var value = DateTimeComponents.Get(date, part.Component);
        var component = part.Component;
        if (component.Length == 1 && "YMDdFWwXxHhms".Contains(component, StringComparison.Ordinal))
        {
            var number = (double)value!;
            if (component == "Y" && part.YearDigits != -1)
            {
                number %= Math.Pow(10, part.YearDigits);
            }

            if (part.Names is { } names)
            {
                return FormatName(number, part, names);
            }

            return IntegerFormatter.Format(number, part.IntegerFormat!);
        }

        switch (component)
        {
            case "f":
                return part.IntegerFormat is null ? "undefined" : IntegerFormatter.Format((double)value!, part.IntegerFormat);
            case "Z":
            case "z":
                return FormatTimezone(part, offsetHours, offsetMinutes);
            case "P" when part.Names == LetterCase.Upper:
                return ((string)value!).ToUpperInvariant();
            default:
                return value switch
                {
                    null => "undefined",
                    string text => text,
                    double number => JsNumber.ToString(number),
                    _ => value.ToString() ?? string.Empty,
                };
        }
    }

    private static string FormatName(double number, DateTimePart part, LetterCase names)
    {
        string[] table;
        var index = number;
        switch (part.Component)
        {
            case "M":
            case "x":
                table = DateTimeComponents.MonthNames;
                index = number - 1;
                break;
            case "F":
                table = DateTimeComponents.DayNames;
                break;
            default:
                throw FormattingErrors.Create("D3133", part.Component);
        }

        if (double.IsNaN(index) || index < 0 || index >= table.Length)
        {
            return "undefined";
        }

        var name = table[(int)index];
        name = names switch
        {
            LetterCase.Upper => name.ToUpperInvariant(),
            LetterCase.Lower => name.ToLowerInvariant(),
            _ => name,
        };
        if (part.Width is { Maximum: { } maximum } && name.Length > maximum)
        {
            name = name[..(int)Math.Max(maximum, 0)];
        }

        return name;
    }

    /// <summary>F&amp;O 9.8.4.6, as jsonata-js reads the presentation modifier's digit count.</summary>
    private static string FormatTimezone(DateTimePart part, double offsetHours, double offsetMinutes)
    {
        var format = part.IntegerFormat!;
        var offset = (offsetHours * 100) + offsetMinutes;
        string text;
        if (format.Regular)
        {
            text = IntegerFormatter.Format(offset, format);
        }
        else
        {
            var digits = format.MandatoryDigits;
            if (digits is 1 or 2)
            {
                text = IntegerFormatter.Format(offsetHours, format);
                if (offsetMinutes != 0)
                {
                    text += ":" + IntegerFormatter.Format(Math.Floor(offsetMinutes), _twoDigits);
                }
            }
            else if (digits is 3 or 4)
            {
                text = IntegerFormatter.Format(offset, format);
            }
            else
            {
                throw FormattingErrors.Create("D3134", double.IsNaN(digits) ? null : digits);
            }
        }

        if (offset >= 0)
        {
            text = "+" + text;
        }

        if (part.Component == "z")
        {
            text = "GMT" + text;
        }

        if (offset == 0 && part.Modifier == 't')
        {
            text = "Z";
        }

        return text;
    }
}
