using System.Diagnostics.CodeAnalysis;

namespace LongLivedTransactions.Core.Errors;

/// <summary>RefundPayment could not refund the debit.</summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "The type name is the error name the state machine catches.")]
public sealed class ErrProcessRefund : SagaStepException
{
    public ErrProcessRefund(string message)
        : base(message)
    {
    }

    public ErrProcessRefund(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
