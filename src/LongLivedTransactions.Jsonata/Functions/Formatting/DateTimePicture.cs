namespace LongLivedTransactions.Jsonata.Functions.Formatting;

/// <summary>One part of a date/time picture: literal text, or a variable marker such as <c>[M01]</c>.</summary>
internal sealed class DateTimePart
{
    /// <summary>The literal text, or null for a marker.</summary>
    public string? Literal { get; init; }

    /// <summary>The component specifier letter (Y, M, D, d, F, W, w, X, x, H, h, P, m, s, f, Z, z, C, E).</summary>
    public string Component { get; init; } = string.Empty;

    /// <summary>The first presentation modifier ("01", "Nn", "w", ...).</summary>
    public string Presentation { get; set; } = string.Empty;

    /// <summary>The second presentation modifier (a, t, c or o), if any.</summary>
    public char? Modifier { get; set; }

    /// <summary>Present when the marker has a width modifier; each bound is null for "*" or absent, NaN if unreadable.</summary>
    public (double? Minimum, double? Maximum)? Width { get; set; }

    /// <summary>Names instead of numbers (months, days, am/pm), in this case.</summary>
    public LetterCase? Names { get; set; }

    public IntegerPicture? IntegerFormat { get; set; }

    /// <summary>How many digits of the year to show (-1: all).</summary>
    public double YearDigits { get; set; } = double.NaN;

    public bool IsLiteral => Literal is not null;
}

/// <summary>Analyses a date/time picture string (XPath F&amp;O 9.8.4) as jsonata-js does.</summary>
internal static class DateTimePicture
{
    public const string Iso8601 = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]";

    private static readonly Dictionary<string, string> _defaultPresentations = new(StringComparer.Ordinal)
    {
        ["Y"] = "1",
        ["M"] = "1",
        ["D"] = "1",
        ["d"] = "1",
        ["F"] = "n",
        ["W"] = "1",
        ["w"] = "1",
        ["X"] = "1",
        ["x"] = "1",
        ["H"] = "1",
        ["h"] = "1",
        ["P"] = "n",
        ["m"] = "01",
        ["s"] = "01",
        ["f"] = "1",
        ["Z"] = "01:01",
        ["z"] = "01:01",
        ["C"] = "n",
        ["E"] = "n",
    };

    public static List<DateTimePart> Parse(string picture)
    {
        var parts = new List<DateTimePart>();

        void AddLiteral(int start, int end)
        {
            if (end > start)
            {
                parts.Add(new DateTimePart { Literal = picture[start..end].Replace("]]", "]", StringComparison.Ordinal) });
            }
        }

        var literalStart = 0;
        var position = 0;
        while (position < picture.Length)
        {
            if (picture[position] == '[')
            {
                if (position + 1 < picture.Length && picture[position + 1] == '[')
                {
                    AddLiteral(literalStart, position);
                    parts.Add(new DateTimePart { Literal = "[" });
                    position += 2;
                    literalStart = position;
                    continue;
                }

                AddLiteral(literalStart, position);
                var close = picture.IndexOf(']', position);
                if (close == -1)
                {
                    throw FormattingErrors.Create("D3135");
                }

                parts.Add(ParseMarker(JsText.RemoveWhiteSpace(picture[(position + 1)..close])));
                position = close;
                literalStart = position + 1;
            }

            position++;
        }

        AddLiteral(literalStart, position);
        return parts;
    }

    private static DateTimePart ParseMarker(string marker)
    {
        var part = new DateTimePart { Component = JsText.CharAt(marker, 0) };
        var comma = marker.LastIndexOf(',');
        string presentation;
        if (comma != -1)
        {
            var widthText = marker[(comma + 1)..];
            var dash = widthText.IndexOf('-', StringComparison.Ordinal);
            var minimum = dash == -1 ? widthText : widthText[..dash];
            var maximum = dash == -1 ? null : widthText[(dash + 1)..];
            part.Width = (ParseWidth(minimum), ParseWidth(maximum));
            presentation = JsText.Substring(marker, 1, comma);
        }
        else
        {
            presentation = JsText.Substring(marker, 1);
        }

        string? first;
        if (presentation.Length == 1)
        {
            first = presentation;
        }
        else if (presentation.Length > 1)
        {
            var last = presentation[^1];
            if ("atco".Contains(last, StringComparison.Ordinal))
            {
                part.Modifier = last;
                first = presentation[..^1];
            }
            else
            {
                first = presentation;
            }
        }
        else
        {
            first = _defaultPresentations.GetValueOrDefault(part.Component);
        }

        if (first is null)
        {
            throw FormattingErrors.Create("D3132", part.Component);
        }

        part.Presentation = first;
        if (first.StartsWith('n'))
        {
            part.Names = LetterCase.Lower;
        }
        else if (first.StartsWith('N'))
        {
            part.Names = first.Length > 1 && first[1] == 'n' ? LetterCase.Title : LetterCase.Upper;
        }
        else if (part.Component.Length == 1 && "YMDdFWwXxHhmsf".Contains(part.Component, StringComparison.Ordinal))
        {
            AnalyseInteger(part);
        }

        if (part.Component is "Z" or "z")
        {
            part.IntegerFormat = IntegerPicture.Parse(first);
        }

        return part;
    }

    private static void AnalyseInteger(DateTimePart part)
    {
        var pattern = part.Modifier is { } modifier ? part.Presentation + ";" + modifier : part.Presentation;
        var format = IntegerPicture.Parse(pattern);
        part.IntegerFormat = format;
        if (part.Width is { Minimum: { } minimum } && format.MandatoryDigits < minimum)
        {
            format.MandatoryDigits = minimum;
        }

        if (part.Component is "Y" or "M" or "D")
        {
            // F&O 9.8.4.4: the width decides how many digits of the year show (and are read).
            part.YearDigits = -1;
            if (part.Width is { Maximum: { } maximum })
            {
                part.YearDigits = maximum;
                format.MandatoryDigits = maximum;
            }
            else
            {
                var width = format.MandatoryDigits + format.OptionalDigits;
                if (width >= 2)
                {
                    part.YearDigits = width;
                }
            }
        }
    }

    private static double? ParseWidth(string? width) =>
        width is null || width == "*" ? null : JsNumber.ParseInt(width);
}
