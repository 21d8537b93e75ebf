using System.Diagnostics.CodeAnalysis;

namespace LongLivedTransactions.Core.Errors;

/// <summary>DebitPayment could not debit the order.</summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "The type name is the error name the state machine catches.")]
public sealed class ErrProcessPayment : SagaStepException
{
    public ErrProcessPayment(string message)
        : base(message)
    {
    }

    public ErrProcessPayment(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
