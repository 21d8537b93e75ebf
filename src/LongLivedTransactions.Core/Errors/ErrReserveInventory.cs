using System.Diagnostics.CodeAnalysis;

namespace LongLivedTransactions.Core.Errors;

/// <summary>ReserveInventory could not reserve the items.</summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "The type name is the error name the state machine catches.")]
public sealed class ErrReserveInventory : SagaStepException
{
    public ErrReserveInventory(string message)
        : base(message)
    {
    }

    public ErrReserveInventory(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
