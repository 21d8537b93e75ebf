using System.Diagnostics.CodeAnalysis;

namespace LongLivedTransactions.Core.Errors;

/// <summary>NewOrder could not record the order.</summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "The type name is the error name the state machine catches.")]
public sealed class ErrProcessOrder : SagaStepException
{
    public ErrProcessOrder(string message)
        : base(message)
    {
    }

    public ErrProcessOrder(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
