namespace LongLivedTransactions.Core.Errors;

/// <summary>
/// Base of the errors a saga step raises. Lambda reports an unhandled exception's type name as the error type,
/// and the state machine's Catch rules match on that name, so each derived class carries exactly the name used in
/// the definition's <c>ErrorEquals</c>.
/// </summary>
public abstract class SagaStepException : Exception
{
    protected SagaStepException(string message)
        : base(message)
    {
    }

    protected SagaStepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
