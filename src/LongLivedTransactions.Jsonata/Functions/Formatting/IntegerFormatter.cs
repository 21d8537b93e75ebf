using System.Text;

namespace LongLivedTransactions.Jsonata.Functions.Formatting;

/// <summary>Formats an integer with an analysed picture (F&amp;O 4.6 fn:format-integer).</summary>
internal static class IntegerFormatter
{
    public static string Format(double value, IntegerPicture format)
    {
        var negative = value < 0;
        value = Math.Abs(value);
        var text = format.Style switch
        {
            IntegerStyle.Letters => NumberNames.ToLetters(value, format.Case == LetterCase.Upper ? 'A' : 'a'),
            IntegerStyle.Roman => format.Case == LetterCase.Upper ? NumberNames.ToRoman(value).ToUpperInvariant() : NumberNames.ToRoman(value),
            IntegerStyle.Words => ApplyCase(NumberNames.ToWords(value, format.Ordinal), format.Case),
            IntegerStyle.Decimal => FormatDecimal(value, format),
            _ => throw FormattingErrors.Create("D3130", format.Token),
        };
        return negative ? "-" + text : text;
    }

    private static string ApplyCase(string words, LetterCase letterCase) => letterCase switch
    {
        LetterCase.Upper => words.ToUpperInvariant(),
        LetterCase.Lower => words.ToLowerInvariant(),
        _ => words,
    };

    private static string FormatDecimal(double value, IntegerPicture format)
    {
        var text = JsNumber.ToString(value);
        var padding = format.MandatoryDigits - text.Length;
        if (padding > 0)
        {
            text = new string('0', (int)padding) + text;
        }

        if (format.ZeroCode != '0')
        {
            // Every character moves into the digit family, as jsonata-js maps the whole text.
            var shifted = new StringBuilder(text.Length);
            foreach (var codePoint in JsText.CodePoints(text))
            {
                shifted.Append(JsText.FromCodePoint(codePoint + format.ZeroCode - '0'));
            }

            text = shifted.ToString();
        }

        if (format.Regular)
        {
            var interval = format.RegularSeparator.Position;
            var groups = (text.Length - 1) / interval;
            for (var group = groups; group > 0; group--)
            {
                var at = text.Length - (group * interval);
                text = JsText.Substr(text, 0, at) + format.RegularSeparator.Character + JsText.Substr(text, at);
            }
        }
        else
        {
            for (var i = format.Separators.Count - 1; i >= 0; i--)
            {
                var at = text.Length - format.Separators[i].Position;
                text = JsText.Substr(text, 0, at) + format.Separators[i].Character + JsText.Substr(text, at);
            }
        }

        if (format.Ordinal)
        {
            var last = text[^1];
            var suffix = last switch
            {
                '1' => "st",
                '2' => "nd",
                '3' => "rd",
                _ => "th",
            };
            if (text.Length > 1 && text[^2] == '1')
            {
                suffix = "th";
            }

            text += suffix;
        }

        return text;
    }
}
