namespace LongLivedTransactions.Jsonata.Functions;

/// <summary>The built-ins on strings, numbers, booleans, arrays, objects, higher-order functions and regexes.</summary>
internal static partial class CoreFunctions
{
    public static void Register(FunctionLibrary library)
    {
        ArgumentNullException.ThrowIfNull(library);
    }
}
