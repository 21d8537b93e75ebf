using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.StatesLanguage.Execution.StateTesting;

/// <summary>
/// The TestState side of one state visit: its mock and configuration, which the runners consult where a test differs
/// from an execution (one attempt, no waiting, mocked iterations), and the <see cref="StateInspection"/> they fill in.
/// </summary>
internal sealed class StateTestRun(StateTestRequest request)
{
    public StateInspection Inspection { get; } = new();

    /// <summary>The context object the request gives, if any.</summary>
    public JsonObject? Context => request.Context;

    public int MapIterationFailureCount => request.MapIterationFailureCount;

    public string? MapItemReaderData => request.MapItemReaderData;

    /// <summary>The failure a Catch rule handled, if any.</summary>
    public StateFailure? Caught { get; private set; }

    /// <summary>
    /// A Retry rule matched: a test makes one attempt, so instead of waiting and retrying it reports the rule, and
    /// while the rule has attempts left, the back-off it would wait (<see cref="StateTestRetriable"/> ends the test).
    /// </summary>
    public void ReportRetry(int retrierIndex, Retrier retrier, StateFailure failure)
    {
        Inspection.RetryIndex = retrierIndex;
        if (request.RetrierRetryCount >= retrier.MaxAttempts)
        {
            return;
        }

        Inspection.RetryBackoffIntervalSeconds = (int)Math.Round(ErrorMatching.BackoffSeconds(retrier, request.RetrierRetryCount));
        throw new StateTestRetriable(failure);
    }

    public void ReportCatch(int catcherIndex, StateFailure failure)
    {
        Inspection.CatchIndex = catcherIndex;
        Caught = failure;
    }

    /// <summary>The mocked result of a Map's iterations or a Parallel's branches; a mocked error fails the state.</summary>
    public JsonNode? MockedResult()
    {
        var mock = request.Mock ?? throw new InvalidOperationException("A Map or Parallel state is tested only with a mock.");
        return mock.Error is { } error ? throw new StateFailure(error, mock.Cause) : mock.Result?.DeepClone();
    }
}

/// <summary>Ends a test whose state would be retried: the failure, with the retry already reported.</summary>
internal sealed class StateTestRetriable(StateFailure failure) : Exception(failure.Message)
{
    public StateFailure Failure { get; } = failure;
}
