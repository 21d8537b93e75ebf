namespace LongLivedTransactions.Jsonata.Functions;

/// <summary>The built-ins with XPath picture strings: numbers, integers, bases, dates and times.</summary>
internal static partial class FormattingFunctions
{
    public static void Register(FunctionLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
    }
}
