using System.Globalization;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Functions;

/// <summary>The built-ins on strings, numbers, booleans, arrays, objects, higher-order functions and regexes.</summary>
/// <remarks>
/// Each function is registered with jsonata-js's signature and with the parameter count of its JavaScript
/// implementation as arity: that count decides how many arguments a higher-order function passes when the
/// built-in is used as a callback (<c>$map(xs, $string)</c> passes only the value).
/// </remarks>
internal static partial class CoreFunctions
{
    public static void Register(FunctionLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
        RegisterAggregates(library);
        RegisterStrings(library);
        RegisterMatching(library);
        RegisterNumbers(library);
        RegisterBooleans(library);
        RegisterArrays(library);
        RegisterObjects(library);
        RegisterHigherOrder(library);
        RegisterEncoding(library);
    }

    private static object? Arg(object?[] arguments, int index) => NativeFunction.Argument(arguments, index);

    private static JsonataException Error(string code, string message, object? value = null) => new(code, message, value: value);

    // Message inserts are JSON-quoted, as jsonata-js does with {{value}}.
    private static string Quote(object? value) => value is null ? "undefined" : JsonataJson.Stringify(value) ?? "undefined";

    private static double Number(object? value) => value is double number ? number : double.NaN;

    /// <summary>JavaScript truthiness, for the places where jsonata-js tests a raw result with <c>if (x)</c>.</summary>
    private static bool IsTruthy(object? value) => value switch
    {
        null or JsonNull => false,
        bool flag => flag,
        double number => number != 0 && !double.IsNaN(number),
        string text => text.Length > 0,
        _ => true,
    };

    /// <summary>JavaScript's ToString of a primitive, for string concatenation with a non-string value.</summary>
    private static string JsString(object? value) => value switch
    {
        null => "undefined",
        string text => text,
        double number => JsonataJson.FormatNumber(number),
        bool flag => flag ? "true" : "false",
        JsonNull => "null",
        JsonataArray array => string.Join(",", array.Select(item => item is null or JsonNull ? string.Empty : JsString(item))),
        OrderedDictionary<string, object?> => "[object Object]",
        _ => string.Empty,
    };

    // White space and line terminators as JavaScript's String.prototype.trim knows them.
    private static readonly char[] JsWhiteSpace =
    [
        '\t', '\n', '\v', '\f', '\r', ' ', '\u00a0', '\u1680', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005',
        '\u2006', '\u2007', '\u2008', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff',
    ];

    /// <summary>
    /// JavaScript's conversion of a string to a number (<c>+text</c>, <c>Number(text)</c>): surrounding white
    /// space ignored, empty is 0, decimal, <c>Infinity</c>, or 0x/0o/0b integers; anything else is NaN.
    /// </summary>
    private static double JsToNumber(string text)
    {
        var trimmed = text.Trim(JsWhiteSpace);
        if (trimmed.Length == 0)
        {
            return 0;
        }

        if (trimmed.Length > 2 && trimmed[0] == '0')
        {
            var radix = char.ToLowerInvariant(trimmed[1]) switch
            {
                'x' => 16,
                'o' => 8,
                'b' => 2,
                _ => 0,
            };
            if (radix != 0)
            {
                return ParseRadixInteger(trimmed.AsSpan(2), radix);
            }
        }

        var span = trimmed.AsSpan();
        var sign = 1.0;
        if (span[0] is '+' or '-')
        {
            sign = span[0] == '-' ? -1 : 1;
            span = span[1..];
        }

        if (span.SequenceEqual("Infinity"))
        {
            return sign * double.PositiveInfinity;
        }

        if (!IsDecimalLiteral(span))
        {
            return double.NaN;
        }

        return sign * double.Parse(span, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
    }

    // digits [. digits] [e [+-] digits], or . digits [exponent], or digits . [exponent]
    private static bool IsDecimalLiteral(ReadOnlySpan<char> text)
    {
        var i = 0;
        var integerDigits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            integerDigits++;
        }

        var fractionDigits = 0;
        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                fractionDigits++;
            }
        }

        if (integerDigits + fractionDigits == 0)
        {
            return false;
        }

        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }

            var exponentDigits = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private static double ParseRadixInteger(ReadOnlySpan<char> digits, int radix)
    {
        var value = System.Numerics.BigInteger.Zero;
        foreach (var c in digits)
        {
            var digit = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (digit >= radix)
            {
                return double.NaN;
            }

            value = (value * radix) + digit;
        }

        return (double)value;
    }

    /// <summary>JavaScript's ToIntegerOrInfinity: NaN is 0, fractions truncate.</summary>
    private static double ToInteger(double value) => double.IsNaN(value) ? 0 : Math.Truncate(value);

    /// <summary>Resolves a relative index as Array.prototype.slice and String.prototype.slice do.</summary>
    private static int SliceIndex(double index, int length)
    {
        var relative = ToInteger(index);
        if (relative < 0)
        {
            return (int)Math.Max(length + relative, 0);
        }

        return (int)Math.Min(relative, length);
    }

    /// <summary>String.prototype.substring: both ends clamped to the string, swapped when reversed.</summary>
    private static string JsSubstring(string text, double start, double end)
    {
        var from = (int)Math.Clamp(ToInteger(start), 0, text.Length);
        var to = (int)Math.Clamp(ToInteger(end), 0, text.Length);
        if (from > to)
        {
            (from, to) = (to, from);
        }

        return text[from..to];
    }

    private static OrderedDictionary<string, object?> NewObject() => new(StringComparer.Ordinal);
}
