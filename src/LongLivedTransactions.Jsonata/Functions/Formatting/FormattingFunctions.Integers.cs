using LongLivedTransactions.Jsonata.Functions.Formatting;

namespace LongLivedTransactions.Jsonata.Functions;

internal static partial class FormattingFunctions
{
    /// <summary>$formatInteger(number, picture): F&amp;O fn:format-integer (decimal, letters, roman, words).</summary>
    public static object? FormatInteger(object?[] arguments, PictureCache pictures)
    {
        if (NumberArgument(arguments, 0) is not { } value || StringArgument(arguments, 1) is not { } picture)
        {
            return null;
        }

        return IntegerFormatter.Format(Math.Floor(value), pictures.IntegerPicture(picture));
    }

    /// <summary>$parseInteger(string, picture): the inverse of $formatInteger (NaN when the text is not a number).</summary>
    public static object? ParseInteger(object?[] arguments, FunctionCallContext context)
    {
        if (StringArgument(arguments, 0) is not { } text || StringArgument(arguments, 1) is not { } picture)
        {
            return null;
        }

        return IntegerMatcher.Create(IntegerPicture.Parse(picture)).Parse(text);
    }
}
