namespace LongLivedTransactions.Jsonata.Functions;

/// <summary>The built-in functions of JSONata 2.0.6.</summary>
public static class StandardLibrary
{
    /// <summary>Creates a library holding every built-in function (except <c>$eval</c>, which the evaluator provides).</summary>
    public static FunctionLibrary Create()
    {
        var library = new FunctionLibrary();
        CoreFunctions.Register(library);
        FormattingFunctions.Register(library);
        return library;
    }
}
