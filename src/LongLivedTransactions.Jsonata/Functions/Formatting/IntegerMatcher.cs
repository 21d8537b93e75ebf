using System.Text;

namespace LongLivedTransactions.Jsonata.Functions.Formatting;

/// <summary>
/// Reads an integer written with an integer picture: a regex fragment that recognises it inside a date/time
/// string, and the conversion back to a number.
/// </summary>
internal sealed class IntegerMatcher
{
    private readonly IntegerPicture _format;

    private IntegerMatcher(IntegerPicture format, string pattern)
    {
        _format = format;
        Pattern = pattern;
    }

    /// <summary>The regex fragment (no capturing groups).</summary>
    public string Pattern { get; }

    /// <summary>Builds the matcher; an unsupported numbering sequence is D3130.</summary>
    public static IntegerMatcher Create(IntegerPicture format)
    {
        var upper = format.Case == LetterCase.Upper;
        string pattern;
        switch (format.Style)
        {
            case IntegerStyle.Letters:
                pattern = upper ? "[A-Z]+" : "[a-z]+";
                break;
            case IntegerStyle.Roman:
                pattern = upper ? "[MDCLXVI]+" : "[mdclxvi]+";
                break;
            case IntegerStyle.Words:
                pattern = NumberNames.WordsPattern;
                break;
            case IntegerStyle.Decimal:
                pattern = "[0-9]" + Occurrences(format);
                if (format.Ordinal)
                {
                    pattern += "(?:th|st|nd|rd)";
                }

                break;
            default:
                throw FormattingErrors.Create("D3130", format.Token);
        }

        return new IntegerMatcher(format, pattern);
    }

    /// <summary>Converts matched (or, for $parseInteger, any) text to its value; NaN when it is not a number.</summary>
    public double Parse(string value)
    {
        var upper = _format.Case == LetterCase.Upper;
        switch (_format.Style)
        {
            case IntegerStyle.Letters:
                return NumberNames.FromLetters(value, upper ? 'A' : 'a');
            case IntegerStyle.Roman:
                return NumberNames.FromRoman(upper ? value : value.ToUpperInvariant());
            case IntegerStyle.Words:
                return NumberNames.FromWords(value.ToLowerInvariant());
            default:
                return ParseDecimal(value);
        }
    }

    private double ParseDecimal(string value)
    {
        var digits = value;
        if (_format.Ordinal)
        {
            digits = JsText.Substring(digits, 0, digits.Length - 2);
        }

        // A regular pattern strips commas whatever its separator is, as jsonata-js does.
        if (_format.Regular)
        {
            digits = digits.Replace(",", string.Empty, StringComparison.Ordinal);
        }
        else
        {
            foreach (var separator in _format.Separators)
            {
                digits = digits.Replace(separator.Character, string.Empty, StringComparison.Ordinal);
            }
        }

        if (_format.ZeroCode != '0')
        {
            var shifted = new StringBuilder(digits.Length);
            foreach (var unit in digits)
            {
                shifted.Append(JsText.FromCodePoint(unit - _format.ZeroCode + '0'));
            }

            digits = shifted.ToString();
        }

        return JsNumber.ParseInt(digits);
    }

    private static string Occurrences(IntegerPicture format)
    {
        if (format.ExpectedWidth is not { } width || !(width > 0))
        {
            return "+";
        }

        var maximum = JsNumber.ToString(width);
        return format.OptionalDigits == 0
            ? "{" + maximum + "}"
            : "{" + JsNumber.ToString(width - format.OptionalDigits) + "," + maximum + "}";
    }
}
