namespace LongLivedTransactions.StatesLanguage.Data;

/// <summary>
/// An intrinsic function that failed while running, e.g. an index out of range. <see cref="Error"/>
/// is the ASL error name (<c>States.IntrinsicFailure</c>) and the message is the cause text.
/// </summary>
public sealed class IntrinsicFailureException : Exception
{
    public const string IntrinsicFailure = "States.IntrinsicFailure";

    public IntrinsicFailureException()
        : this(IntrinsicFailure, "Intrinsic function failed")
    {
    }

    public IntrinsicFailureException(string message)
        : this(IntrinsicFailure, message)
    {
    }

    public IntrinsicFailureException(string message, Exception innerException)
        : base(message, innerException)
    {
        Error = IntrinsicFailure;
    }

    public IntrinsicFailureException(string error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>The ASL error name.</summary>
    public string Error { get; }
}
