using LongLivedTransactions.Jsonata.Functions.Formatting;

namespace LongLivedTransactions.Jsonata.Functions;

/// <summary>The built-ins with XPath picture strings: numbers, integers, bases, dates and times.</summary>
internal static partial class FormattingFunctions
{
    /// <summary>
    /// Registers each function with jsonata-js 2.0.6's signature and its implementation's declared parameter count.
    /// </summary>
    public static void Register(FunctionLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);

        // One cache per library: a compiled expression gets its own library, so nothing is shared between them.
        var pictures = new PictureCache();
        library
            .Add("formatNumber", "<n-so?:s>", 3, (arguments, _) => FormatNumber(arguments, pictures))
            .Add("formatBase", "<n-n?:s>", 2, FormatBase)
            .Add("formatInteger", "<n-s:s>", 2, (arguments, _) => FormatInteger(arguments, pictures))
            .Add("parseInteger", "<s-s:n>", 2, ParseInteger)
            .Add("toMillis", "<s-s?:n>", 2, ToMillis)
            .Add("fromMillis", "<n-s?s?:s>", 3, (arguments, _) => FromMillis(arguments, pictures))
            .Add("now", "<s?s?:s>", 2, (arguments, context) => Now(arguments, context, pictures))
            .Add("millis", "<:n>", 0, Millis);
    }

    private static double? NumberArgument(object?[] arguments, int index) =>
        NativeFunction.Argument(arguments, index) is double number ? number : null;

    private static string? StringArgument(object?[] arguments, int index) =>
        NativeFunction.Argument(arguments, index) as string;
}
