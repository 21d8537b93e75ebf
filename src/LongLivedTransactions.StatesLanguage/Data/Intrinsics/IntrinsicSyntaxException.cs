namespace LongLivedTransactions.StatesLanguage.Data;

/// <summary>An intrinsic function call that cannot be parsed (found when the definition is read).</summary>
public sealed class IntrinsicSyntaxException : Exception
{
    public IntrinsicSyntaxException()
    {
    }

    public IntrinsicSyntaxException(string message)
        : base(message)
    {
    }

    public IntrinsicSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
