using EngineExecution = LongLivedTransactions.StatesLanguage.Execution.Execution;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Running;

/// <summary>
/// Lets an execution run on a <see cref="ManualClock"/>: whenever the execution has gone quiet (no new
/// history event, no timer change, no queued thread-pool work), it is waiting on a timer, so the clock
/// jumps to the next timer. A Wait of a day takes a few milliseconds of real time.
/// </summary>
internal static class ExecutionDriver
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(1);

    // Quiet for this many polls with an idle thread pool, or for the larger number regardless of other
    // work on the pool (tests run side by side), before the clock moves.
    private const int QuietPollsWhenPoolIdle = 2;
    private const int QuietPollsWhenPoolBusy = 20;

    /// <summary>
    /// Returns true when the execution ended, false when it was still running after
    /// <paramref name="realTimeLimit"/> of real time. Rethrows an exception the execution loop failed with.
    /// </summary>
    public static async Task<bool> RunToEndAsync(
        EngineExecution execution, ManualClock clock, TimeSpan realTimeLimit, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        (int Events, long TimerChanges) lastActivity = (-1, -1);
        var quietPolls = 0;
        while (!execution.Completion.IsCompleted)
        {
            if (TimeProvider.System.GetElapsedTime(started) > realTimeLimit)
            {
                return false;
            }

            await Task.WhenAny(execution.Completion, Task.Delay(PollInterval, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();

            var activity = (execution.GetHistory().Count, clock.ChangeCount);
            if (activity != lastActivity)
            {
                lastActivity = activity;
                quietPolls = 0;
                continue;
            }

            quietPolls++;
            var poolIdle = ThreadPool.PendingWorkItemCount == 0;
            if (quietPolls >= (poolIdle ? QuietPollsWhenPoolIdle : QuietPollsWhenPoolBusy))
            {
                clock.FireNextTimer();
                quietPolls = 0;
            }
        }

        await execution.Completion;
        return true;
    }
}
