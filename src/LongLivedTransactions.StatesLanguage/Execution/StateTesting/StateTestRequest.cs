using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.StatesLanguage.Execution.StateTesting;

/// <summary>
/// One state of a definition to run once, as the TestState API does: on the engine's own state pipeline, with the
/// ARNs and names its context object reports, and optionally with a mock in place of the state's work.
/// </summary>
/// <param name="Definition">The parsed definition that holds the state (at any depth: Map and Parallel states included).</param>
/// <param name="StateName">The state to run.</param>
/// <param name="InputJson">The state's raw input.</param>
public sealed record StateTestRequest(
    StateMachineDefinition Definition,
    string StateName,
    string InputJson,
    string StateMachineArn,
    string ExecutionArn,
    string ExecutionName,
    string RoleArn)
{
    /// <summary>The workflow variables the state sees on entry.</summary>
    public JsonObject? Variables { get; init; }

    /// <summary>When set, the context object (<c>$$</c>, <c>$states.context</c>) the state sees, exactly as given.</summary>
    public JsonObject? Context { get; init; }

    /// <summary>
    /// Answers the state's work instead of running it: a Task's invocation, or all the iterations of a Map or the
    /// branches of a Parallel state (which are tested only with a mock).
    /// </summary>
    public StateTestMock? Mock { get; init; }

    /// <summary>How many retries the Retry rule that matches the error has made already (also <c>$$.State.RetryCount</c>).</summary>
    public int RetrierRetryCount { get; init; }

    /// <summary>How many iterations of a mocked Map failed; beyond the tolerated failures the Map fails.</summary>
    public int MapIterationFailureCount { get; init; }

    /// <summary>The data a Map's ItemReader would read from its source, read as the reader's configuration says.</summary>
    public string? MapItemReaderData { get; init; }
}

/// <summary>A mocked outcome: a result, or an error and cause.</summary>
public sealed record StateTestMock
{
    private StateTestMock(JsonNode? result, string? error, string? cause)
    {
        Result = result;
        Error = error;
        Cause = cause;
    }

    public JsonNode? Result { get; }

    /// <summary>The error of a mocked failure; null for a mocked result.</summary>
    public string? Error { get; }

    public string? Cause { get; }

    public static StateTestMock Returning(JsonNode? result) => new(result, null, null);

    public static StateTestMock Failing(string error, string? cause)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new StateTestMock(null, error, cause);
    }
}
