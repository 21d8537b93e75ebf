namespace LongLivedTransactions.StatesLanguage.Data;

/// <summary>
/// A path that parsed but cannot be applied to the given document, for example a ResultPath
/// that runs into a string where it needs an object. The message explains which part failed.
/// </summary>
public sealed class JsonPathEvaluationException : Exception
{
    public JsonPathEvaluationException()
    {
    }

    public JsonPathEvaluationException(string message)
        : base(message)
    {
    }

    public JsonPathEvaluationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
