using System.Globalization;
using System.Numerics;
using System.Text;

namespace LongLivedTransactions.Jsonata.Values;

/// <summary>
/// Text forms of values as jsonata-js produces them: JavaScript's number-to-string conversion and
/// <c>JSON.stringify</c> with JSONata's replacer (numbers rounded to 15 significant digits, functions as empty
/// strings, undefined object members left out).
/// </summary>
public static class JsonataJson
{
    /// <summary>
    /// Serializes a value as <c>$string</c> does (for a non-string value). Returns null when the value is
    /// undefined. A non-finite number inside the value is a D1001 error.
    /// </summary>
    /// <param name="value">The value; an outer-wrapper array stands for its single item.</param>
    /// <param name="pretty">Indent with two spaces, as <c>JSON.stringify(value, replacer, 2)</c>.</param>
    public static string? Stringify(object? value, bool pretty = false)
    {
        if (value is JsonataArray { IsOuterWrapper: true } wrapper)
        {
            value = wrapper.Count > 0 ? wrapper[0] : null;
        }

        if (value is null)
        {
            return null;
        }

        var builder = new StringBuilder();
        Write(builder, value, pretty, 0);
        return builder.ToString();
    }

    /// <summary>
    /// Casts a value to a string as <c>$string</c> (and the <c>&amp;</c> operator) does: a string stays as it is, a
    /// function is empty, a non-finite number is D3001, anything else is <see cref="Stringify"/>'s JSON. Returns
    /// null when the value is undefined.
    /// </summary>
    public static string? ToJsonataString(object? value, bool pretty = false) => value switch
    {
        null => null,
        string text => text,
        JsonataFunction => string.Empty,
        double number when !double.IsFinite(number) =>
            throw new JsonataException("D3001", "Attempting to invoke string function on Infinity or NaN", value: number),
        _ => Stringify(value, pretty),
    };

    /// <summary>
    /// A number as JavaScript's <c>Number.prototype.toString()</c> writes it: the shortest digits that read back
    /// as the same double, plain notation from 1e-7 up to 1e21, exponent notation (<c>1e+21</c>, <c>1e-7</c>)
    /// outside.
    /// </summary>
    public static string FormatNumber(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return "0";
        }

        // Integers below 10^15 are their digits: no shortest-digit search.
        if (Math.Abs(value) < 1e15 && Math.Floor(value) == value)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        if (value < 0)
        {
            return "-" + FormatNumber(-value);
        }

        var (digits, pointPosition) = ShortestDigits(value);
        var count = digits.Length;
        if (count <= pointPosition && pointPosition <= 21)
        {
            return digits + new string('0', pointPosition - count);
        }

        if (pointPosition > 0 && pointPosition <= 21)
        {
            return digits[..pointPosition] + "." + digits[pointPosition..];
        }

        if (pointPosition > -6 && pointPosition <= 0)
        {
            return "0." + new string('0', -pointPosition) + digits;
        }

        var exponent = pointPosition - 1;
        var exponentText = (exponent < 0 ? "-" : "+") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
        return count == 1
            ? digits + "e" + exponentText
            : digits[..1] + "." + digits[1..] + "e" + exponentText;
    }

    /// <summary>
    /// JSONata's rounding for output: <c>Number(value.toPrecision(15))</c>, which hides binary noise such as
    /// 0.1 + 0.2 = 0.30000000000000004.
    /// </summary>
    public static double RoundForOutput(double value)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value == 0 ? 0 : value;
        }

        // .NET rounds an exact tie to even; toPrecision rounds it up (away from zero). A tie shows as a 5 in the
        // 16th digit followed by zeros, and is then confirmed on the exact value.
        var wide = value.ToString("E20", CultureInfo.InvariantCulture);
        var negative = wide[0] == '-';
        var mantissa = wide.AsSpan(negative ? 1 : 0, 22);
        if (mantissa[16] == '5' && mantissa[17..].IndexOfAnyExcept('0') < 0 && IsSixteenDigitTie(Math.Abs(value)))
        {
            var exponent = int.Parse(wide.AsSpan(wide.IndexOf('E', StringComparison.Ordinal) + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var digits = long.Parse(string.Concat(mantissa[..1], mantissa[2..16]), CultureInfo.InvariantCulture) + 1;
            var rounded = (negative ? "-" : string.Empty) + digits.ToString(CultureInfo.InvariantCulture) + "E" + (exponent - 14).ToString(CultureInfo.InvariantCulture);
            return double.Parse(rounded, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return double.Parse(value.ToString("E14", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    // Whether the exact decimal value of a positive double has exactly 16 significant digits, the last being 5.
    private static bool IsSixteenDigitTie(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var biased = (int)((bits >> 52) & 0x7FF);
        var significand = bits & ((1L << 52) - 1);
        int exponent;
        if (biased == 0)
        {
            exponent = -1074;
        }
        else
        {
            significand |= 1L << 52;
            exponent = biased - 1075;
        }

        // m * 2^e has the digits of m << e, or of m * 5^-e (the same digits as m / 2^-e, shifted).
        var exact = exponent >= 0
            ? new BigInteger(significand) << exponent
            : new BigInteger(significand) * BigInteger.Pow(5, -exponent);
        var digits = exact.ToString(CultureInfo.InvariantCulture).TrimEnd('0');
        return digits.Length == 16 && digits[15] == '5';
    }

    /// <summary>Writes a string as a JSON string literal, escaped as JSON.stringify does.</summary>
    public static void WriteString(StringBuilder builder, string text)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(text);
        builder.Append('"');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (c < ' ')
                    {
                        AppendUnicodeEscape(builder, c);
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        builder.Append(c).Append(text[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        // A lone surrogate cannot be written as UTF-8: JSON.stringify escapes it.
                        AppendUnicodeEscape(builder, c);
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }

    private static void AppendUnicodeEscape(StringBuilder builder, char c) =>
        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));

    private static void Write(StringBuilder builder, object value, bool pretty, int depth)
    {
        switch (value)
        {
            case string text:
                WriteString(builder, text);
                break;
            case double number:
                if (double.IsNaN(number))
                {
                    builder.Append("null");
                }
                else if (double.IsInfinity(number))
                {
                    throw new JsonataException("D1001", "Number out of range: null", value: number);
                }
                else
                {
                    // Rounding the largest doubles to 15 digits overflows; JSON.stringify writes that as null.
                    var rounded = RoundForOutput(number);
                    builder.Append(double.IsFinite(rounded) ? FormatNumber(rounded) : "null");
                }

                break;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                break;
            case JsonNull:
                builder.Append("null");
                break;
            case JsonataFunction:
                builder.Append("\"\"");
                break;
            case JsonataArray array:
                WriteArray(builder, array, pretty, depth);
                break;
            case OrderedDictionary<string, object?> map:
                WriteObject(builder, map, pretty, depth);
                break;
            default:
                WriteString(builder, Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty);
                break;
        }
    }

    private static void WriteArray(StringBuilder builder, JsonataArray array, bool pretty, int depth)
    {
        if (array.Count == 0)
        {
            builder.Append("[]");
            return;
        }

        builder.Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(',');
            }

            NewLine(builder, pretty, depth + 1);
            var item = array[i];
            if (item is null)
            {
                // JSON.stringify writes undefined array items as null.
                builder.Append("null");
            }
            else
            {
                Write(builder, item, pretty, depth + 1);
            }
        }

        NewLine(builder, pretty, depth);
        builder.Append(']');
    }

    private static void WriteObject(StringBuilder builder, OrderedDictionary<string, object?> map, bool pretty, int depth)
    {
        builder.Append('{');
        var any = false;
        foreach (var (key, item) in map)
        {
            if (item is null)
            {
                continue;
            }

            if (any)
            {
                builder.Append(',');
            }

            any = true;
            NewLine(builder, pretty, depth + 1);
            WriteString(builder, key);
            builder.Append(pretty ? ": " : ":");
            Write(builder, item, pretty, depth + 1);
        }

        if (any)
        {
            NewLine(builder, pretty, depth);
        }

        builder.Append('}');
    }

    private static void NewLine(StringBuilder builder, bool pretty, int depth)
    {
        if (pretty)
        {
            builder.Append('\n').Append(' ', depth * 2);
        }
    }

    // The shortest round-trip digits of a positive finite double (no leading or trailing zeros) and the position
    // of the decimal point relative to them: value = 0.DIGITS x 10^pointPosition.
    private static (string Digits, int PointPosition) ShortestDigits(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var exponentAt = text.IndexOfAny(['E', 'e']);
        if (exponentAt >= 0)
        {
            exponent = int.Parse(text.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..exponentAt];
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var pointPosition = (dot < 0 ? text.Length : dot) + exponent;
        var digits = dot < 0 ? text : text.Remove(dot, 1);
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
        }

        digits = digits[leading..].TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, pointPosition - leading);
    }
}
