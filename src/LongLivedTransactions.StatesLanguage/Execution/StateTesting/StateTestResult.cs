namespace LongLivedTransactions.StatesLanguage.Execution.StateTesting;

/// <summary>How a tested state ended (API text: SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR).</summary>
public enum StateTestStatus
{
    Succeeded,
    Failed,

    /// <summary>The state failed and a Retry rule with attempts left matched: it would run again after the back-off.</summary>
    Retriable,

    /// <summary>The state failed and a Catch rule handled it: the output is the catcher's, the next state its Next.</summary>
    CaughtError,
}

/// <summary>What one tested state did.</summary>
/// <param name="OutputJson">The state's output (after a caught error: the catcher's output); null when it failed or would be retried.</param>
/// <param name="NextState">The state that would come next, or null when the state ends the graph, failed or would be retried.</param>
/// <param name="Inspection">The data each step of the state's pipeline produced.</param>
public sealed record StateTestResult(
    StateTestStatus Status,
    string? OutputJson,
    string? NextState,
    string? Error,
    string? Cause,
    StateInspection Inspection);
