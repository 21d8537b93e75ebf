namespace LongLivedTransactions.StatesLanguage.Execution.Callbacks;

/// <summary>How a callback task ended: with an output (SendTaskSuccess) or an error and cause (SendTaskFailure).</summary>
internal sealed record CallbackOutcome(string? OutputJson, string? Error, string? Cause)
{
    public bool Succeeded => OutputJson is not null;
}
