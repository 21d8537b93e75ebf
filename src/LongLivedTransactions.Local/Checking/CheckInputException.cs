namespace LongLivedTransactions.Local.Checking;

/// <summary>The definition to check cannot be read or resolved (exit code 2); the message says why.</summary>
public sealed class CheckInputException : Exception
{
    public CheckInputException()
    {
    }

    public CheckInputException(string message)
        : base(message)
    {
    }

    public CheckInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
