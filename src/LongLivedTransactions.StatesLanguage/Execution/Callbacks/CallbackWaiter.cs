namespace LongLivedTransactions.StatesLanguage.Execution.Callbacks;

/// <summary>
/// The meeting point of one waiting task and the callers holding its token. The outcome is set once: by a callback,
/// or by the task itself when it times out or is stopped (<see cref="TryClose"/>), so a callback that loses that race
/// learns that the task is gone.
/// </summary>
internal sealed class CallbackWaiter(WaitingTask task)
{
    private readonly TaskCompletionSource<CallbackOutcome?> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private TaskCompletionSource _heartbeat = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public WaitingTask Task => task;

    /// <summary>The callback's outcome; null when the task closed itself.</summary>
    public Task<CallbackOutcome?> Outcome => _outcome.Task;

    /// <summary>Completes at the next heartbeat.</summary>
    public Task NextHeartbeat
    {
        get
        {
            lock (_gate)
            {
                return _heartbeat.Task;
            }
        }
    }

    public bool TryComplete(CallbackOutcome outcome) => _outcome.TrySetResult(outcome);

    /// <summary>Ends the wait from the task's side; false when a callback got there first.</summary>
    public bool TryClose() => _outcome.TrySetResult(null);

    public bool Beat()
    {
        if (_outcome.Task.IsCompleted)
        {
            return false;
        }

        TaskCompletionSource beaten;
        lock (_gate)
        {
            beaten = _heartbeat;
            _heartbeat = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        beaten.TrySetResult();
        return true;
    }
}
