using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution.Runners;
using LongLivedTransactions.StatesLanguage.History;

namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>
/// One execution of a state machine: its status, input/output or error/cause, and its event history.
/// The run happens in the background; <see cref="Completion"/> finishes when it ends, whatever the status.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Design", "CA1001", Justification = "The stop token source has no timer, so it holds nothing that needs disposing.")]
public sealed class Execution
{
    private readonly ExecutionRequest _request;
    private readonly HistoryRecorder _history;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HistoryCursor _cursor = new(0);
    private readonly Lock _statusLock = new();
    private ExecutionRun? _run;
    private ExecutionStatus _status = ExecutionStatus.Running;
    private DateTimeOffset? _stopDate;
    private JsonText? _output;
    private string? _error;
    private string? _cause;

    internal Execution(ExecutionRequest request, HistoryRecorder history, TimeProvider time, DateTimeOffset startDate)
    {
        _request = request;
        _history = history;
        _time = time;
        StartDate = startDate;
        history.LimitReached = HistoryLimitReached;
    }

    public string ExecutionArn => _request.ExecutionArn;

    public string StateMachineArn => _request.StateMachineArn;

    public string Name => _request.ExecutionName;

    public DateTimeOffset StartDate { get; }

    public string InputJson => _request.InputJson;

    public ExecutionStatus Status
    {
        get
        {
            lock (_statusLock)
            {
                return _status;
            }
        }
    }

    public DateTimeOffset? StopDate
    {
        get
        {
            lock (_statusLock)
            {
                return _stopDate;
            }
        }
    }

    public string? OutputJson
    {
        get
        {
            JsonText? output;
            lock (_statusLock)
            {
                output = _output;
            }

            // Written on first read, outside the lock.
            return output?.Text;
        }
    }

    public string? Error
    {
        get
        {
            lock (_statusLock)
            {
                return _error;
            }
        }
    }

    public string? Cause
    {
        get
        {
            lock (_statusLock)
            {
                return _cause;
            }
        }
    }

    /// <summary>Completes when the execution has ended (succeeded, failed, timed out or aborted).</summary>
    public Task Completion => _completion.Task;

    internal CancellationToken Cancellation => _stop.Token;

    /// <summary>A thread-safe snapshot of the events so far.</summary>
    public IReadOnlyList<HistoryEvent> GetHistory() => _history.Snapshot();

    /// <summary>Stops a running execution: it ends ABORTED with an ExecutionAborted event. No effect once it has ended.</summary>
    public void Stop(string? error, string? cause)
    {
        if (!TryFinish(ExecutionStatus.Aborted, null, error, cause, out var stopDate))
        {
            return;
        }

        _history.RecordFinal(_cursor, "ExecutionAborted", "executionAbortedEventDetails", HistoryDetails.ErrorAndCause(error, cause), stopDate);
        _stop.Cancel();
        _completion.TrySetResult();
    }

    /// <param name="plan">Where a resumed or redriven execution carries on; null for a new execution.</param>
    /// <summary>
    /// Ends the execution FAILED with this error and cause when it next moves from one state to another (as AWS
    /// ends the executions of a state machine being deleted); a state in progress finishes first.
    /// </summary>
    public void FailAtNextTransition(string error, string cause)
    {
        if (_run is { } run)
        {
            run.Termination = new StateFailure(error, cause);
        }
    }

    internal void Begin(ExecutionRun run, JsonNode? input, ResumePlan? plan = null)
    {
        _run = run;
        _cursor.LastEventId = _history.LastEventId;
        var timerStart = StartDate;
        if (plan is null)
        {
            // ExecutionStarted carries the start date itself, as on AWS.
            _history.RecordBeside(
                _cursor, "ExecutionStarted", "executionStartedEventDetails", HistoryDetails.ExecutionStarted(_request.InputJson, _request.RoleArn), StartDate);
        }
        else if (plan.Redrive)
        {
            _history.Record(_cursor, "ExecutionRedriven", "executionRedrivenEventDetails", HistoryDetails.ExecutionRedriven(_request.RedriveCount));
            timerStart = _time.GetUtcNow();
        }

        if (run.Definition.TimeoutSeconds is { } timeoutSeconds)
        {
            _ = TimeOutAtAsync(LongTimers.AddSeconds(timerStart, timeoutSeconds));
        }

        // The place in the queue for a slot is taken now, so executions begin their work in the order they started.
        var turn = run.Slot.TakeAsync(_stop.Token);
        var work = new RunStart(this, run, turn, input, plan);
        if (run.Threads is { } threads)
        {
            threads.Start(work);
        }
        else
        {
            // Queued as it is: Task.Run would add a task, a proxy task and two delegates to every execution.
            ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: true);
        }
    }

    private async Task TimeOutAtAsync(DateTimeOffset deadline)
    {
        // The timer ends with the execution, whichever way it ends, so a finished execution is not kept alive by it.
        using var ended = new CancellationTokenSource();
        var timer = LongTimers.DelayUntilAsync(_time, deadline, ended.Token);
        if (await Task.WhenAny(timer, _completion.Task).ConfigureAwait(false) == timer && timer.IsCompletedSuccessfully)
        {
            TimeOut();
        }

        await ended.CancelAsync().ConfigureAwait(false);
    }

    private async Task RunAsync(ExecutionRun run, Task turn, JsonNode? input, ResumePlan? plan)
    {
        try
        {
            await turn.ConfigureAwait(false);
            await ExecutionThreads.SwitchTo(run.Threads);
            if (plan?.FinishedOutput is { } finishedOutput)
            {
                // The last state had ended the run before the restart; only the final event was missing.
                if (TryFinish(ExecutionStatus.Succeeded, JsonText.Of(finishedOutput), null, null, out var finishedAt))
                {
                    _history.RecordFinal(_cursor, "ExecutionSucceeded", "executionSucceededEventDetails", HistoryDetails.Output(JsonText.Of(finishedOutput)), finishedAt);
                }

                return;
            }

            var (outcome, failure) = await GraphRunner.RunToEndAsync(
                run,
                run.Definition,
                plan?.Input ?? input,
                JsonText.Of(plan?.InputText ?? _request.InputJson),
                _cursor,
                plan?.Variables ?? new VariableScope(null),
                _stop.Token,
                plan?.Point).ConfigureAwait(false);
            if (failure is not null)
            {
                Fail(failure);
            }
            else if (TryFinish(ExecutionStatus.Succeeded, outcome.OutputText, null, null, out var stopDate))
            {
                _history.RecordFinal(_cursor, "ExecutionSucceeded", "executionSucceededEventDetails", HistoryDetails.Output(outcome.OutputText), stopDate);
            }
        }
        catch (StateFailure failure)
        {
            Fail(failure);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped or timed out: that path has recorded the final event.
        }
        catch (Exception e)
        {
            // A defect in the engine or an invoker must not leave the execution running forever.
            var cause = $"{e.GetType().Name}: {e.Message}";
            if (TryFinish(ExecutionStatus.Failed, null, ErrorNames.Runtime, cause, out var stopDate))
            {
                _history.RecordFinal(_cursor, "ExecutionFailed", "executionFailedEventDetails", HistoryDetails.ErrorAndCause(ErrorNames.Runtime, cause), stopDate);
            }
        }
        finally
        {
            run.Slot.GiveBack();
            _completion.TrySetResult();
        }
    }

    private void Fail(StateFailure failure)
    {
        if (TryFinish(ExecutionStatus.Failed, null, failure.Error, failure.Cause, out var stopDate))
        {
            _history.RecordFinal(_cursor, "ExecutionFailed", "executionFailedEventDetails", HistoryDetails.ErrorAndCause(failure.Error, failure.Cause), stopDate);
        }
    }

    private void HistoryLimitReached()
    {
        // The recorder has recorded ExecutionFailed as the history's last event.
        if (TryFinish(ExecutionStatus.Failed, null, ErrorNames.Runtime, HistoryRecorder.LimitCause, out _))
        {
            _stop.Cancel();
            _completion.TrySetResult();
        }
    }

    private void TimeOut()
    {
        if (!TryFinish(ExecutionStatus.TimedOut, null, ErrorNames.Timeout, null, out var stopDate))
        {
            return;
        }

        _history.RecordFinal(_cursor, "ExecutionTimedOut", "executionTimedOutEventDetails", HistoryDetails.ErrorAndCause(ErrorNames.Timeout, null), stopDate);
        _stop.Cancel();
        _completion.TrySetResult();
    }

    /// <summary>The start of an execution's run, as queued work.</summary>
    private sealed class RunStart(Execution execution, ExecutionRun run, Task turn, JsonNode? input, ResumePlan? plan) : IThreadPoolWorkItem
    {
        public void Execute() => _ = execution.RunAsync(run, turn, input, plan);
    }

    private bool TryFinish(ExecutionStatus status, JsonText? output, string? error, string? cause, out DateTimeOffset stopDate)
    {
        lock (_statusLock)
        {
            if (_status != ExecutionStatus.Running)
            {
                stopDate = default;
                return false;
            }

            // The final event carries the same instant as the stop date, as on AWS.
            stopDate = _time.GetUtcNow();
            _status = status;
            _stopDate = stopDate;
            _output = output;
            _error = error;
            _cause = cause;
            return true;
        }
    }
}
