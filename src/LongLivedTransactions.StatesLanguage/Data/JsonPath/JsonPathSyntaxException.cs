namespace LongLivedTransactions.StatesLanguage.Data;

/// <summary>A JSONPath text that cannot be parsed (Jayway syntax as AWS Step Functions accepts it).</summary>
public sealed class JsonPathSyntaxException : Exception
{
    public JsonPathSyntaxException()
    {
    }

    public JsonPathSyntaxException(string message)
        : base(message)
    {
    }

    public JsonPathSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
