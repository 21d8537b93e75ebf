using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Execution.Callbacks;
using LongLivedTransactions.StatesLanguage.History;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>
/// The callback pattern of a Task state (<c>….waitForTaskToken</c>): the attempt gets a task token
/// (<c>$$.Task.Token</c>), sends its request, records TaskSubmitted with the service's response, and waits for
/// SendTaskSuccess, SendTaskFailure, or TimeoutSeconds / HeartbeatSeconds to run out on the execution's clock (never
/// scaled: only Wait states and Retry back-off are).
/// </summary>
internal static class CallbackTask
{
    public const string ResourceSuffix = ".waitForTaskToken";

    /// <summary>A state test makes one call and does not wait for a callback (the TestState API does not either).</summary>
    public static bool Applies(StateVisit visit, TaskState state) =>
        visit.Test is null && !state.ResourceParts.IsLambdaFunction && state.Resource.EndsWith(ResourceSuffix, StringComparison.Ordinal);

    /// <summary>The token of the visit's current attempt: the same one when the attempt runs again after a restart.</summary>
    public static string IssueToken(StateVisit visit) =>
        visit.Run.Callbacks.Issue(new TaskToken(visit.Run.Request.ExecutionArn, visit.Run.CallbackScope, visit.EnteredEventId, visit.RetryCount));

    /// <summary>
    /// Sends the request (unless a resumed attempt had sent it already), then waits for the outcome. The token is
    /// answerable from before the request goes out until the attempt ends, whichever way it ends.
    /// </summary>
    public static async ValueTask<(JsonNode? Result, StateFailure? Failure)> RunAsync(
        StateVisit visit,
        TaskState state,
        OpenCallbackAttempt? resumed,
        Func<ValueTask<(JsonNode? Result, StateFailure? Failure)>> send,
        int? timeoutSeconds,
        int? heartbeatSeconds,
        DateTimeOffset startedAt)
    {
        var callbacks = visit.Run.Callbacks;
        var waiter = callbacks.Register(new WaitingTask(
            visit.TaskToken!, visit.Run.Request.ExecutionArn, state.Name, state.Resource, visit.Run.Time.GetUtcNow(), timeoutSeconds, heartbeatSeconds));
        try
        {
            if (resumed is not { Submitted: true })
            {
                var (response, failure) = await send().ConfigureAwait(false);
                if (failure is not null)
                {
                    return (null, failure);
                }

                var resource = state.ResourceParts;
                visit.Run.History.Record(visit.Cursor, "TaskSubmitted", "taskSubmittedEventDetails",
                    HistoryDetails.TaskSucceeded(resource.ResourceType, resource.ResourceName, JsonText.Of(DataFlow.ToJsonText(response))));
            }

            // Waiting for a callback is not work: the execution's slot goes to another execution meanwhile.
            var waiting = WaitAsync(visit, waiter, startedAt, timeoutSeconds, heartbeatSeconds);
            await visit.Run.Slot.WaitOutsideAsync(waiting, visit.Cancellation).ConfigureAwait(false);
            var (outcome, timeoutError) = await waiting.ConfigureAwait(false);
            if (outcome is null)
            {
                return (null, TaskStateRunner.RecordFailure(visit, state, timeoutError, null));
            }

            return outcome.Succeeded
                ? (TaskCallbacks.ParseOutput(outcome.OutputJson!), null)
                : (null, TaskStateRunner.RecordFailure(visit, state, outcome.Error, outcome.Cause));
        }
        finally
        {
            // Stopped, timed out or answered: the token is no longer answerable.
            waiter.TryClose();
            callbacks.Remove(waiter);
        }
    }

    /// <summary>The callback's outcome, or (null, the timeout's error name) when a limit ran out first.</summary>
    private static async Task<(CallbackOutcome? Outcome, string? TimeoutError)> WaitAsync(
        StateVisit visit, CallbackWaiter waiter, DateTimeOffset startedAt, int? timeoutSeconds, int? heartbeatSeconds)
    {
        var time = visit.Run.Time;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(visit.Cancellation);
        try
        {
            var deadline = timeoutSeconds is { } timeout
                ? LongTimers.DelayUntilAsync(time, LongTimers.AddSeconds(startedAt, timeout), stop.Token)
                : Task.Delay(Timeout.Infinite, stop.Token);
            while (true)
            {
                using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                var heartbeat = heartbeatSeconds is { } seconds
                    ? LongTimers.DelayAsync(time, seconds, heartbeatStop.Token)
                    : Task.Delay(Timeout.Infinite, heartbeatStop.Token);
                var beat = waiter.NextHeartbeat;
                var first = await Task.WhenAny(waiter.Outcome, beat, heartbeat, deadline).ConfigureAwait(false);
                if (first == waiter.Outcome)
                {
                    return (await waiter.Outcome.ConfigureAwait(false), null);
                }

                visit.Cancellation.ThrowIfCancellationRequested();
                if (first == beat)
                {
                    // SendTaskHeartbeat: the heartbeat clock starts again.
                    await heartbeatStop.CancelAsync().ConfigureAwait(false);
                    continue;
                }

                if (waiter.TryClose())
                {
                    return (null, first == heartbeat ? ErrorNames.HeartbeatTimeout : ErrorNames.Timeout);
                }

                // A callback arrived at the moment the limit ran out, and was accepted: it wins.
                return (await waiter.Outcome.ConfigureAwait(false), null);
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>
/// The attempt of a callback task that was waiting when the host stopped, read from the history of the resumed
/// state: it waits again for the same token, and sends its request again only if TaskSubmitted was not recorded.
/// </summary>
internal sealed record OpenCallbackAttempt(DateTimeOffset StartedAt, bool Started, bool Submitted)
{
    /// <summary>
    /// The open attempt of the resumed visit, if any; sets the visit's retry count to that attempt's (or, when the last
    /// attempt had ended, to the next one's), so that the attempt keeps its token and a new one gets a new token.
    /// </summary>
    public static OpenCallbackAttempt? Find(StateVisit visit)
    {
        var scheduled = 0;
        var started = false;
        var submitted = false;
        var ended = false;
        var startedAt = visit.EnteredTime;
        foreach (var historyEvent in visit.Run.History.Snapshot())
        {
            // Only the events of the visit's own branch or iteration: those of the others interleave with them.
            if (historyEvent.Id <= visit.EnteredEventId || historyEvent.Scope != visit.Cursor.Scope)
            {
                continue;
            }

            switch (historyEvent.Type)
            {
                case "TaskScheduled":
                    (scheduled, started, submitted, ended, startedAt) = (scheduled + 1, false, false, false, historyEvent.Timestamp);
                    break;
                case "TaskStarted":
                    (started, startedAt) = (true, historyEvent.Timestamp);
                    break;
                case "TaskSubmitted":
                    submitted = true;
                    break;
                case "TaskSucceeded" or "TaskFailed" or "TaskTimedOut":
                    ended = true;
                    break;
            }
        }

        if (scheduled == 0)
        {
            return null;
        }

        visit.RetryCount = ended ? scheduled : scheduled - 1;
        return ended ? null : new OpenCallbackAttempt(startedAt, started, submitted);
    }
}
