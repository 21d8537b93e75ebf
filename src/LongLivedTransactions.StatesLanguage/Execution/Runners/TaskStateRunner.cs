using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.History;
using LongLivedTransactions.StatesLanguage.Tasks;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>
/// Task: evaluates Parameters, calls the invoker chosen by Resource (with TimeoutSeconds and
/// HeartbeatSeconds on the execution's clock), records Scheduled/Started/Succeeded|Failed|TimedOut,
/// then applies ResultSelector, Assign, ResultPath and OutputPath; Retry and Catch wrap each attempt.
/// </summary>
internal static class TaskStateRunner
{
    public static ValueTask<StateOutcome> RunAsync(StateVisit visit, TaskState state)
    {
        var input = state.DataFlow.SelectInput(visit);

        // After a restart, a callback task that was waiting carries on with that attempt (and its token).
        var resumed = visit.Resumed && CallbackTask.Applies(visit, state) ? OpenCallbackAttempt.Find(visit) : null;

        // Task failures come back as values (throwing them across the async frames of every attempt is
        // costly); failures of the data flow around the task still arrive as exceptions.
        return RetryAndCatch.RunAsync(
            visit,
            state.ErrorHandling,
            isTask: true,
            givenUpEvent: null,
            (State: state, Input: input, Resumed: resumed),
            static (visit, task, first) => AttemptAsync(visit, task.State, task.Input, first ? task.Resumed : null));
    }

    private static async ValueTask<Attempt> AttemptAsync(StateVisit visit, TaskState state, JsonNode? input, OpenCallbackAttempt? resumed)
    {
        var callback = CallbackTask.Applies(visit, state);
        if (callback)
        {
            visit.TaskToken = CallbackTask.IssueToken(visit);
        }

        var parameters = state.DataFlow.BuildArguments(visit, input);
        var timeoutSeconds = state.TimeoutSeconds
            ?? ReadSeconds(visit, state.TimeoutSecondsPath, input, "TimeoutSecondsPath")
            ?? ReadSeconds(visit, state.TimeoutSecondsExpression, input, "TimeoutSeconds");
        var heartbeatSeconds = state.HeartbeatSeconds
            ?? ReadSeconds(visit, state.HeartbeatSecondsPath, input, "HeartbeatSecondsPath")
            ?? ReadSeconds(visit, state.HeartbeatSecondsExpression, input, "HeartbeatSeconds");
        var invoker = FindInvoker(visit, state);
        var resource = state.ResourceParts;
        var history = visit.Run.History;
        // Parameters built from a template are new nodes that nothing changes any more: their text can wait
        // until someone reads the history. Without a template they are the state input, whose text is known.
        var parametersText = ReferenceEquals(parameters, visit.RawInput) ? visit.RawInputText : JsonText.Later(parameters);

        // The task's limits count from its Started event: the timers use that event's own time. A task is scheduled
        // and started at the same instant: nothing happens in between.
        var alreadyStarted = resumed is { Started: true };
        var startedAt = alreadyStarted ? resumed!.StartedAt : visit.Run.Time.GetUtcNow();
        if (!alreadyStarted)
        {
            if (resource.IsLambdaFunction)
            {
                history.Record(visit.Cursor, "LambdaFunctionScheduled", "lambdaFunctionScheduledEventDetails",
                    HistoryDetails.LambdaScheduled(state.Resource, parametersText, timeoutSeconds), startedAt);
                history.Record(visit.Cursor, "LambdaFunctionStarted", timestamp: startedAt);
            }
            else
            {
                // A callback task resumed before its Started event was scheduled already.
                if (resumed is null)
                {
                    history.Record(visit.Cursor, "TaskScheduled", "taskScheduledEventDetails",
                        HistoryDetails.TaskScheduled(resource.ResourceType, resource.ResourceName, visit.Run.Region, parametersText, timeoutSeconds, heartbeatSeconds),
                        startedAt);
                }

                history.Record(visit.Cursor, "TaskStarted", "taskStartedEventDetails", state.TaskStartedDetails, startedAt);
            }
        }

        var (result, taskFailure) = callback
            ? await RunCallbackAsync(visit, state, resumed, invoker, parameters, timeoutSeconds, heartbeatSeconds, startedAt).ConfigureAwait(false)
            : await InvokeAsync(visit, state, invoker, parameters, timeoutSeconds, heartbeatSeconds, startedAt).ConfigureAwait(false);

        // The call's answer arrives where its work ended (for an HTTP call, on the thread pool).
        await ExecutionThreads.SwitchTo(visit.Run.Threads);
        if (taskFailure is not null)
        {
            return Attempt.Failed(taskFailure);
        }

        if (result?.Parent is not null)
        {
            // The state's data must be a tree of its own: the flow places it into other trees and changes it in place.
            result = result.DeepClone();
        }

        var resultText = JsonText.Bounded(result);
        if (DataFlow.ExceedsLimit(resultText, visit.Run.Sizes))
        {
            // AWS names the function ARN, or the integration's service ("lambda"), in this cause.
            var task = resource.IsLambdaFunction ? state.Resource : resource.ResourceType;
            return Attempt.Failed(RecordFailure(
                visit,
                state,
                ErrorNames.DataLimitExceeded,
                $"The state/task '{task}' returned a result with a size exceeding the maximum number of bytes service limit."));
        }

        // The task succeeds and the state exits at the same instant: only the data flow runs in between.
        var succeededAt = visit.Run.Time.GetUtcNow();
        if (resource.IsLambdaFunction)
        {
            history.Record(visit.Cursor, "LambdaFunctionSucceeded", "lambdaFunctionSucceededEventDetails", HistoryDetails.Output(resultText), succeededAt);
        }
        else
        {
            history.Record(visit.Cursor, "TaskSucceeded", "taskSucceededEventDetails",
                HistoryDetails.TaskSucceeded(resource.ResourceType, resource.ResourceName, resultText), succeededAt);
        }

        var applied = state.DataFlow.ApplyResult(visit, input, result);
        return Attempt.Succeeded(StateEvents.Exit(visit, applied, state.Next, resultText, succeededAt));
    }

    // A method of its own: the lambda's captured variables would otherwise be hoisted into a closure object that
    // every attempt allocates, callback or not.
    private static ValueTask<(JsonNode? Result, StateFailure? Failure)> RunCallbackAsync(
        StateVisit visit, TaskState state, OpenCallbackAttempt? resumed, ITaskInvoker invoker, JsonNode? parameters, int? timeoutSeconds, int? heartbeatSeconds,
        DateTimeOffset startedAt) =>
        CallbackTask.RunAsync(
            visit, state, resumed, () => InvokeAsync(visit, state, invoker, parameters, timeoutSeconds, heartbeatSeconds, startedAt), timeoutSeconds, heartbeatSeconds, startedAt);

    /// <summary>Calls the invoker; a task failure or timeout is recorded and returned, not thrown.</summary>
    private static async ValueTask<(JsonNode? Result, StateFailure? Failure)> InvokeAsync(
        StateVisit visit, TaskState state, ITaskInvoker invoker, JsonNode? parameters, int? timeoutSeconds, int? heartbeatSeconds, DateTimeOffset startedAt)
    {
        var invocation = new TaskInvocation(
            visit.Run.Request.ExecutionArn, visit.Run.Request.StateMachineArn, state.Name, state.Resource, parameters, visit.RetryCount);

        // No heartbeat is ever sent by an in-process invoker, so HeartbeatSeconds acts as a second, shorter limit.
        var limitSeconds = Math.Min(timeoutSeconds ?? int.MaxValue, heartbeatSeconds ?? int.MaxValue);
        var limitError = heartbeatSeconds is not null && heartbeatSeconds < (timeoutSeconds ?? int.MaxValue)
            ? ErrorNames.HeartbeatTimeout
            : ErrorNames.Timeout;
        // On timeout the invocation is abandoned, not cancelled: like a Lambda function behind Step Functions, it may run on.
        try
        {
            var call = invoker.InvokeAsync(invocation, visit.Cancellation);
            if (call.IsFaulted && call.Exception.InnerException is TaskFailedException failed)
            {
                // Read from the finished task rather than thrown again by an await: throwing is the costly part of a failure.
                return (null, RecordFailure(visit, state, failed.Error, failed.Cause));
            }

            // A call that has finished already (an in-process invoker) needs no timer: WhenAny would pick it first anyway.
            var result = limitSeconds == int.MaxValue || call.IsCompleted
                ? await call.WaitAsync(visit.Cancellation).ConfigureAwait(false)
                : await WithinAsync(call, LongTimers.AddSeconds(startedAt, limitSeconds), visit).ConfigureAwait(false);
            return (result, null);
        }
        catch (TaskFailedException e)
        {
            return (null, RecordFailure(visit, state, e.Error, e.Cause));
        }
        catch (TimeoutException)
        {
            return (null, RecordFailure(visit, state, limitError, null));
        }
        catch (OperationCanceledException) when (visit.Cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not StateFailure)
        {
            // An invoker that throws something else is a task failure too; its type and message become error and cause.
            return (null, RecordFailure(visit, state, ErrorNames.TaskFailed, $"{e.GetType().Name}: {e.Message}"));
        }
    }

    /// <summary>The call's result, or <see cref="TimeoutException"/> at the deadline (however far, even a year away).</summary>
    private static async Task<JsonNode?> WithinAsync(Task<JsonNode?> call, DateTimeOffset deadline, StateVisit visit)
    {
        using var timerStop = CancellationTokenSource.CreateLinkedTokenSource(visit.Cancellation);
        var timer = LongTimers.DelayUntilAsync(visit.Run.Time, deadline, timerStop.Token);
        if (await Task.WhenAny(call, timer).ConfigureAwait(false) == call)
        {
            await timerStop.CancelAsync().ConfigureAwait(false);
            return await call.ConfigureAwait(false);
        }

        visit.Cancellation.ThrowIfCancellationRequested();
        throw new TimeoutException();
    }

    /// <summary>Records LambdaFunctionFailed/TimedOut or TaskFailed/TimedOut and returns the failure.</summary>
    internal static StateFailure RecordFailure(StateVisit visit, TaskState state, string? error, string? cause)
    {
        var timedOut = error is ErrorNames.Timeout or ErrorNames.HeartbeatTimeout;
        var resource = state.ResourceParts;
        if (resource.IsLambdaFunction)
        {
            visit.Run.History.Record(
                visit.Cursor,
                timedOut ? "LambdaFunctionTimedOut" : "LambdaFunctionFailed",
                timedOut ? "lambdaFunctionTimedOutEventDetails" : "lambdaFunctionFailedEventDetails",
                HistoryDetails.ErrorAndCause(error, cause));
        }
        else
        {
            visit.Run.History.Record(
                visit.Cursor,
                timedOut ? "TaskTimedOut" : "TaskFailed",
                timedOut ? "taskTimedOutEventDetails" : "taskFailedEventDetails",
                HistoryDetails.TaskFailed(resource.ResourceType, resource.ResourceName, error, cause));
        }

        return new StateFailure(error, cause);
    }

    private static ITaskInvoker FindInvoker(StateVisit visit, TaskState state)
    {
        var invokers = visit.Run.Invokers;
        for (var i = 0; i < invokers.Count; i++)
        {
            // Indexed: a foreach over the interface would allocate an enumerator for every task.
            var invoker = invokers[i];
            var handles = invoker is IStateScopedTaskInvoker scoped
                ? scoped.CanInvokeState(state.Name, state.Resource)
                : invoker.CanInvoke(state.Resource);
            if (handles)
            {
                return invoker;
            }
        }

        throw StateFailure.Runtime(visit, $"No task invoker is registered for the resource '{state.Resource}'.");
    }

    private static int? ReadSeconds(StateVisit visit, JsonataTemplate? expression, JsonNode? input, string field)
    {
        if (expression is null)
        {
            return null;
        }

        var value = JsonataEvaluation.Evaluate(visit, expression, new JsonataEvaluation.StatesObject(input));
        if (value is JsonValue number && number.GetValueKind() == JsonValueKind.Number
            && number.TryGetValue<double>(out var seconds) && seconds == Math.Floor(seconds) && seconds is > 0 and <= 99_999_999)
        {
            return (int)seconds;
        }

        throw StateFailure.Runtime(visit, $"The {field} field must be a positive integer, but the expression returned {DataFlow.ToJsonText(value)}");
    }

    private static int? ReadSeconds(StateVisit visit, PathReference? path, JsonNode? input, string field)
    {
        if (path is null)
        {
            return null;
        }

        if (DataFlow.TryPeek(visit, path, input, out var value)
            && value is JsonValue number && number.GetValueKind() == JsonValueKind.Number
            && number.TryGetValue<int>(out var seconds) && seconds > 0)
        {
            return seconds;
        }

        if (value is JsonValue parsed && parsed.GetValueKind() == JsonValueKind.Number
            && double.TryParse(parsed.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture, out var whole)
            && whole == Math.Floor(whole) && whole is > 0 and <= int.MaxValue)
        {
            return (int)whole;
        }

        throw StateFailure.Runtime(visit, $"The {field} field must reference a positive integer: {path.Text} == {DataFlow.ToJsonText(value)}");
    }
}
