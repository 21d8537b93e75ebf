using System.Diagnostics.CodeAnalysis;

namespace LongLivedTransactions.Core.Errors;

/// <summary>UpdateOrder could not set the order back to Pending.</summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "The type name is the error name the state machine catches.")]
public sealed class ErrUpdateOrderStatus : SagaStepException
{
    public ErrUpdateOrderStatus(string message)
        : base(message)
    {
    }

    public ErrUpdateOrderStatus(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
