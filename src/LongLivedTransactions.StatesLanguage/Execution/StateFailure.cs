namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>
/// A failure inside a state (task failure, timeout, runtime error, Fail state...) with the error
/// name and cause that Retry/Catch match on and that ExecutionFailed reports.
/// </summary>
internal sealed class StateFailure(string? error, string? cause) : Exception(cause ?? error ?? "The state failed.")
{
    /// <summary>The error name; null only for a Fail state without Error.</summary>
    public string? Error { get; } = error;

    public string? Cause { get; } = cause;

    /// <summary>States.Runtime is never retried or caught: it always fails the execution.</summary>
    public bool IsTerminal => Error == ErrorNames.Runtime;

    /// <summary>States.Runtime with AWS's wording: "An error occurred while executing the state 'X' (entered at the event id #N). ...".</summary>
    public static StateFailure Runtime(StateVisit visit, string detail) =>
        new(ErrorNames.Runtime, $"An error occurred while executing the state '{visit.State.Name}' (entered at the event id #{visit.EnteredEventId}). {detail}");
}
