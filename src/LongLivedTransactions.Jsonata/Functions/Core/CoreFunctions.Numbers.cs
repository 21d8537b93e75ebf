using System.Globalization;
using System.Text.RegularExpressions;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Functions;

internal static partial class CoreFunctions
{
    private static void RegisterAggregates(FunctionLibrary library)
    {
        library.Add("sum", "<a<n>:n>", 1, Sum);
        library.Add("count", "<a:n>", 1, Count);
        library.Add("max", "<a<n>:n>", 1, Max);
        library.Add("min", "<a<n>:n>", 1, Min);
        library.Add("average", "<a<n>:n>", 1, Average);
    }

    private static void RegisterNumbers(FunctionLibrary library)
    {
        library.Add("number", "<(nsb)-:n>", 1, NumberFunction);
        library.Add("abs", "<n-:n>", 1, (arguments, _) => Arg(arguments, 0) is double value ? Math.Abs(value) : null);
        library.Add("floor", "<n-:n>", 1, (arguments, _) => Arg(arguments, 0) is double value ? Math.Floor(value) : null);
        library.Add("ceil", "<n-:n>", 1, (arguments, _) => Arg(arguments, 0) is double value ? Math.Ceiling(value) : null);
        library.Add("round", "<n-n?:n>", 2, Round);
        library.Add("sqrt", "<n-:n>", 1, Sqrt);
        library.Add("power", "<n-n:n>", 2, Power);
        library.Add("random", "<:n>", 0, (_, _) => Random.Shared.NextDouble());
    }

    private static object? Sum(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not JsonataArray numbers)
        {
            return null;
        }

        var total = 0.0;
        foreach (var number in numbers)
        {
            total += Number(number);
        }

        return total;
    }

    private static object? Count(object?[] arguments, FunctionCallContext context) =>
        Arg(arguments, 0) is JsonataArray items ? (double)items.Count : 0.0;

    private static object? Max(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not JsonataArray { Count: > 0 } numbers)
        {
            return null;
        }

        var result = double.NegativeInfinity;
        foreach (var item in numbers)
        {
            var number = Number(item);
            if (double.IsNaN(number))
            {
                return double.NaN;
            }

            result = Math.Max(result, number);
        }

        return result;
    }

    private static object? Min(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not JsonataArray { Count: > 0 } numbers)
        {
            return null;
        }

        var result = double.PositiveInfinity;
        foreach (var item in numbers)
        {
            var number = Number(item);
            if (double.IsNaN(number))
            {
                return double.NaN;
            }

            result = Math.Min(result, number);
        }

        return result;
    }

    private static object? Average(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not JsonataArray { Count: > 0 } numbers)
        {
            return null;
        }

        var total = 0.0;
        foreach (var number in numbers)
        {
            total += Number(number);
        }

        return total / numbers.Count;
    }

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalNumberPattern();

    // jsonata-js's pattern, whose alternatives are anchored one at the start and one at the end only.
    [GeneratedRegex("^(0[xX][0-9A-Fa-f]+)|(0[oO][0-7]+)|(0[bB][0-1]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex PrefixedIntegerPattern();

    private static object? NumberFunction(object?[] arguments, FunctionCallContext context)
    {
        var value = Arg(arguments, 0);
        switch (value)
        {
            case null:
                return null;
            case double number:
                return number;
            case bool flag:
                return flag ? 1.0 : 0.0;
            case string text when DecimalNumberPattern().IsMatch(text):
                var parsed = double.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
                if (double.IsFinite(parsed))
                {
                    return parsed;
                }

                break;
            case string text when PrefixedIntegerPattern().IsMatch(text):
                return JsToNumber(text);
            default:
                break;
        }

        throw Error("D3030", "Unable to cast value to a number: " + Quote(value), value);
    }

    /// <summary>
    /// Rounds half to even at <paramref name="arguments"/>[1] decimal places. As in jsonata-js the decimal point is
    /// shifted in the number's text (not by multiplying), so 0.125 rounds at 2 places as 12.5 does at 0.
    /// </summary>
    private static object? Round(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not double value)
        {
            return null;
        }

        var precision = Arg(arguments, 1) is double p ? p : 0;
        var shifted = precision != 0 && !double.IsNaN(precision);
        if (shifted)
        {
            value = ShiftDecimal(value, precision);
        }

        var result = Math.Floor(value);
        if (value - result >= 0.5)
        {
            result += 1;
        }

        if (Math.Abs(result - value) == 0.5 && Math.Abs(result % 2) == 1)
        {
            result -= 1;
        }

        if (shifted)
        {
            result = ShiftDecimal(result, -precision);
        }

        return result == 0 ? 0.0 : result;
    }

    // +(mantissa + 'e' + (exponent + places)) on the JavaScript text of the number.
    private static double ShiftDecimal(double value, double places)
    {
        var text = JsonataJson.FormatNumber(value);
        var e = text.IndexOf('e', StringComparison.Ordinal);
        var mantissa = e < 0 ? text : text[..e];
        var exponent = e < 0 ? places : JsToNumber(text[(e + 1)..]) + places;
        return JsToNumber(mantissa + "e" + JsonataJson.FormatNumber(exponent));
    }

    private static object? Sqrt(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not double value)
        {
            return null;
        }

        if (value < 0)
        {
            throw Error("D3060", "The sqrt function cannot be applied to a negative number: " + Quote(value), value);
        }

        return Math.Sqrt(value);
    }

    private static object? Power(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not double value)
        {
            return null;
        }

        var exponent = Number(Arg(arguments, 1));
        var result = JsPow(value, exponent);
        if (!double.IsFinite(result))
        {
            throw Error(
                "D3061",
                $"The power function has resulted in a value that cannot be represented as a JSON number: base={Quote(value)}, exponent={Quote(exponent)}",
                value);
        }

        return result;
    }

    // Math.pow differs from Math.Pow where the base is 1 or -1 and the exponent is infinite or NaN.
    private static double JsPow(double value, double exponent)
    {
        if (double.IsNaN(exponent) || (Math.Abs(value) == 1 && double.IsInfinity(exponent)))
        {
            return double.NaN;
        }

        return Math.Pow(value, exponent);
    }
}
