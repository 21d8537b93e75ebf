using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>The outcome of one attempt of a state: its outcome, or the failure to retry, catch or raise.</summary>
internal readonly record struct Attempt(StateOutcome Outcome, StateFailure? Failure)
{
    public static Attempt Succeeded(StateOutcome outcome) => new(outcome, null);

    public static Attempt Failed(StateFailure failure) => new(default, failure);
}

/// <summary>
/// Retry and Catch around the attempts of a Task, Parallel or Map state, written once: a failed attempt is
/// retried while a retrier matches and has attempts left, then caught by the first matching catcher, or raised.
/// </summary>
internal static class RetryAndCatch
{
    /// <param name="visit">The state being run.</param>
    /// <param name="errorHandling">Its Retry and Catch fields.</param>
    /// <param name="isTask">A Task state (States.TaskFailed matches there, and retries count in $$.State.RetryCount).</param>
    /// <param name="givenUpEvent">The event recorded when the state gives up (ParallelStateFailed, MapStateFailed), or null.</param>
    /// <param name="argument">What the attempt needs besides the visit (passed on, so that a static lambda needs no closure).</param>
    /// <param name="attempt">Runs one attempt (told whether it is the first). Failures may be returned or thrown.</param>
    public static async ValueTask<StateOutcome> RunAsync<TArgument>(
        StateVisit visit,
        ErrorHandling errorHandling,
        bool isTask,
        string? givenUpEvent,
        TArgument argument,
        Func<StateVisit, TArgument, bool, ValueTask<Attempt>> attempt)
    {
        var handlesFailures = errorHandling.Retriers.Count + errorHandling.Catchers.Count > 0 || givenUpEvent is not null;
        FailureHandling? handling = null; // created at the first failure: most attempts succeed
        var first = true;
        while (true)
        {
            Attempt result;
            try
            {
                result = await attempt(visit, argument, first).ConfigureAwait(false);
                first = false;
            }
            catch (StateFailure thrown) when (handlesFailures && !thrown.IsTerminal)
            {
                first = false;
                result = Attempt.Failed(thrown);
            }

            if (result.Failure is not { } failure)
            {
                return result.Outcome;
            }

            if (!failure.IsTerminal)
            {
                handling ??= new FailureHandling(visit, errorHandling, isTask);
                if (await handling.RetryAsync(failure).ConfigureAwait(false))
                {
                    // The back-off timer ends on the thread pool: the next attempt is the engine's work again.
                    await ExecutionThreads.SwitchTo(visit.Run.Threads);
                    if (isTask)
                    {
                        visit.RetryCount++;
                    }

                    continue;
                }

                if (givenUpEvent is not null)
                {
                    visit.Run.History.Record(visit.Cursor, givenUpEvent);
                }

                if (handling.TryCatch(failure, out var outcome))
                {
                    return outcome;
                }
            }

            throw failure;
        }
    }
}
