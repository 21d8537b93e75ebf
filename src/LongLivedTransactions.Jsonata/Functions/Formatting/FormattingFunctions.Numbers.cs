using LongLivedTransactions.Jsonata.Functions.Formatting;

namespace LongLivedTransactions.Jsonata.Functions;

internal static partial class FormattingFunctions
{
    /// <summary>$formatNumber(number, picture [, options]): F&amp;O fn:format-number.</summary>
    public static object? FormatNumber(object?[] arguments, PictureCache pictures)
    {
        if (NumberArgument(arguments, 0) is not { } value || StringArgument(arguments, 1) is not { } picture)
        {
            return null;
        }

        var options = NativeFunction.Argument(arguments, 2) as OrderedDictionary<string, object?>;
        return NumberFormatter.Format(value, picture, options, pictures);
    }

    /// <summary>$formatBase(number [, radix]): the rounded number in base 2 to 36 (D3100 otherwise).</summary>
    public static object? FormatBase(object?[] arguments, FunctionCallContext context)
    {
        if (NumberArgument(arguments, 0) is not { } value)
        {
            return null;
        }

        value = JsNumber.RoundHalfEven(value, 0);
        var radix = NumberArgument(arguments, 1) is { } given ? JsNumber.RoundHalfEven(given, 0) : 10;
        if (!(radix >= 2 && radix <= 36))
        {
            throw FormattingErrors.Create("D3100", radix);
        }

        return JsNumber.ToRadixString(value, (int)radix);
    }
}
