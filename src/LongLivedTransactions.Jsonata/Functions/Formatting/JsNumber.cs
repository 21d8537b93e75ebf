using System.Globalization;
using System.Numerics;
using System.Text;

namespace LongLivedTransactions.Jsonata.Functions.Formatting;

/// <summary>
/// JavaScript's number conversions (Number.prototype.toString, toFixed, parseInt, Math.round). The picture-string
/// functions are defined in terms of them, so their exact output (exponent thresholds, rounding of ties) matters.
/// </summary>
internal static class JsNumber
{
    /// <summary>Number.prototype.toString(): the shortest round-trip digits, exponential outside [1e-7, 1e21).</summary>
    public static string ToString(double value) => Values.JsonataJson.FormatNumber(value);

    /// <summary>
    /// Number.prototype.toString(radix) for an integral value, as V8 computes it: digits below the double's
    /// precision come out as zeros.
    /// </summary>
    public static string ToRadixString(double value, int radix)
    {
        if (radix == 10 || double.IsNaN(value) || double.IsInfinity(value))
        {
            return ToString(value);
        }

        var integer = Math.Floor(Math.Abs(value));
        var builder = new StringBuilder();
        while (BinaryExponent(integer / radix) > 0)
        {
            integer /= radix;
            builder.Insert(0, '0');
        }

        do
        {
            var remainder = integer % radix;
            builder.Insert(0, (char)(remainder < 10 ? '0' + remainder : 'a' + remainder - 10));
            integer = (integer - remainder) / radix;
        }
        while (integer > 0);

        if (value < 0)
        {
            builder.Insert(0, '-');
        }

        return builder.ToString();
    }

    /// <summary>Number.prototype.toFixed(fractionDigits): exact decimal expansion, ties rounded up.</summary>
    public static string ToFixed(double value, int fractionDigits)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (Math.Abs(value) >= 1e21 || double.IsInfinity(value))
        {
            return ToString(value);
        }

        var negative = value < 0;
        var (mantissa, exponent) = Decompose(Math.Abs(value));
        var scale = BigInteger.Pow(10, fractionDigits);
        BigInteger scaled;
        if (exponent >= 0)
        {
            scaled = (mantissa << exponent) * scale;
        }
        else
        {
            var numerator = mantissa * scale;
            var denominator = BigInteger.One << -exponent;
            scaled = BigInteger.DivRem(numerator, denominator, out var remainder);
            if (remainder * 2 >= denominator)
            {
                scaled += 1;
            }
        }

        var digits = scaled.ToString(CultureInfo.InvariantCulture);
        if (fractionDigits > 0)
        {
            digits = digits.PadLeft(fractionDigits + 1, '0');
            digits = digits[..^fractionDigits] + "." + digits[^fractionDigits..];
        }

        return negative && !scaled.IsZero ? "-" + digits : digits;
    }

    /// <summary>parseInt(text) without a radix: leading white space, a sign, "0x" for hexadecimal, then digits.</summary>
    public static double ParseInt(string text)
    {
        var index = 0;
        while (index < text.Length && JsText.IsWhiteSpace(text[index]))
        {
            index++;
        }

        var sign = 1.0;
        if (index < text.Length && (text[index] == '-' || text[index] == '+'))
        {
            sign = text[index] == '-' ? -1 : 1;
            index++;
        }

        var radix = 10;
        if (index + 1 < text.Length && text[index] == '0' && (text[index + 1] == 'x' || text[index + 1] == 'X'))
        {
            radix = 16;
            index += 2;
        }

        var start = index;
        while (index < text.Length && DigitValue(text[index]) is var digit && digit >= 0 && digit < radix)
        {
            index++;
        }

        if (index == start)
        {
            return double.NaN;
        }

        var span = text.AsSpan(start, index - start);
        double magnitude;
        if (radix == 10)
        {
            magnitude = double.Parse(span, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        else
        {
            var accumulated = BigInteger.Zero;
            foreach (var character in span)
            {
                accumulated = (accumulated * 16) + DigitValue(character);
            }

            magnitude = (double)accumulated;
        }

        return sign * magnitude;
    }

    /// <summary>Math.round: the nearest integer, ties towards positive infinity.</summary>
    public static double Round(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return value;
        }

        var floor = Math.Floor(value);
        var rounded = value - floor >= 0.5 ? floor + 1 : floor;
        return rounded == 0 && value < 0 ? -0.0 : rounded;
    }

    /// <summary>
    /// JSONata's $round: half to even at <paramref name="precision"/> decimal places, shifting the decimal point
    /// through the number's text so that binary representation errors do not move ties.
    /// </summary>
    public static double RoundHalfEven(double value, int precision)
    {
        if (precision != 0)
        {
            value = ShiftDecimal(value, precision);
        }

        var result = Round(value);
        var difference = result - value;
        if (Math.Abs(difference) == 0.5 && Math.Abs(result % 2) == 1)
        {
            result -= 1;
        }

        if (precision != 0)
        {
            result = ShiftDecimal(result, -precision);
        }

        return result == 0 ? 0.0 : result;
    }

    /// <summary>JavaScript's Number("…e…") applied to the number's text with its exponent moved.</summary>
    private static double ShiftDecimal(double value, int places)
    {
        var text = ToString(value);
        var e = text.IndexOf('e', StringComparison.Ordinal);
        var mantissa = e < 0 ? text : text[..e];
        var exponent = e < 0 ? places : int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) + places;
        return ParseNumber(mantissa + "e" + exponent.ToString(CultureInfo.InvariantCulture));
    }

    private static double ParseNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) ? result : double.NaN;

    private static int DigitValue(char character) => character switch
    {
        >= '0' and <= '9' => character - '0',
        >= 'a' and <= 'z' => character - 'a' + 10,
        >= 'A' and <= 'Z' => character - 'A' + 10,
        _ => -1,
    };

    /// <summary>The power of two of the last bit of the double's 53-bit significand (positive from 2^53 up).</summary>
    private static int BinaryExponent(double value)
    {
        var biased = (int)((BitConverter.DoubleToInt64Bits(value) >> 52) & 0x7FF);
        return (biased == 0 ? 1 : biased) - 1075;
    }

    /// <summary>value = mantissa × 2^exponent exactly, for a finite non-negative value.</summary>
    private static (BigInteger Mantissa, int Exponent) Decompose(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var biased = (int)((bits >> 52) & 0x7FF);
        var fraction = bits & 0xFFFFFFFFFFFFFL;
        return biased == 0 ? (new BigInteger(fraction), -1074) : (new BigInteger(fraction | (1L << 52)), biased - 1075);
    }
}
