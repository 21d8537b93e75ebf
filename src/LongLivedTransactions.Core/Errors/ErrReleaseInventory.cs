using System.Diagnostics.CodeAnalysis;

namespace LongLivedTransactions.Core.Errors;

/// <summary>ReleaseInventory could not release the reservation.</summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "The type name is the error name the state machine catches.")]
public sealed class ErrReleaseInventory : SagaStepException
{
    public ErrReleaseInventory(string message)
        : base(message)
    {
    }

    public ErrReleaseInventory(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
