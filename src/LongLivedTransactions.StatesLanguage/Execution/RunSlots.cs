namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>
/// Bounds how many executions do work at the same time; the others wait for a slot, first come first served.
/// Without a bound, thousands of started executions share the thread pool with the requests that start and describe
/// them, and every request waits behind their work. An execution gives its slot back while it only waits (see
/// <see cref="RunSlot"/>), so sleeping executions never keep the others from running.
/// </summary>
internal sealed class RunSlots(int? bound)
{
    private readonly SemaphoreSlim? _free = bound is { } count ? new SemaphoreSlim(count, count) : null;

    /// <summary>A slot for one execution, not yet taken (without a bound, the one slot that never holds anything).</summary>
    public RunSlot ForExecution() => _free is null ? RunSlot.Unbounded : new(_free);
}

/// <summary>One execution's claim on a <see cref="RunSlots"/> slot.</summary>
internal sealed class RunSlot(SemaphoreSlim? free)
{
    /// <summary>The claim of every execution when there is no bound: it never takes or holds anything, so all can share it.</summary>
    public static readonly RunSlot Unbounded = new(free: null);

    private readonly Lock _lock = new();
    private bool _held;

    /// <summary>Waits for a free slot (at once when the slots are unbounded).</summary>
    public async Task TakeAsync(CancellationToken cancellationToken)
    {
        if (free is null)
        {
            return;
        }

        await free.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            if (_held)
            {
                // Two branches of one execution came back from their waits together: one slot is enough.
                free.Release();
                return;
            }

            _held = true;
        }
    }

    /// <summary>Gives the slot back, if this execution holds it.</summary>
    public void GiveBack()
    {
        if (free is null)
        {
            return;
        }

        lock (_lock)
        {
            if (_held)
            {
                _held = false;
                free!.Release();
            }
        }
    }

    /// <summary>
    /// Gives the slot back while <paramref name="wait"/> runs (a Wait state, a Retry back-off, a task waiting for its
    /// callback), then takes one again.
    /// A branch of a Parallel or Map may run on meanwhile without the slot: the bound shapes the load, it is not part
    /// of what an execution does. When the wait is cancelled the execution is ending and takes no slot again.
    /// </summary>
    public async Task WaitOutsideAsync(Task wait, CancellationToken cancellationToken)
    {
        if (free is null || wait.IsCompleted)
        {
            await wait.ConfigureAwait(false);
            return;
        }

        GiveBack();
        await wait.ConfigureAwait(false);
        await TakeAsync(cancellationToken).ConfigureAwait(false);
    }
}
