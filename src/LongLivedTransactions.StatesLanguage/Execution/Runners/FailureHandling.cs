using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>Retry and Catch for Task, Parallel and Map states.</summary>
internal sealed class FailureHandling(StateVisit visit, ErrorHandling errorHandling, bool isTask)
{
    private readonly int[] _attempts = new int[errorHandling.Retriers.Count];

    /// <summary>
    /// Finds the first retrier that matches. If it still has attempts left, waits its back-off on the
    /// execution's clock and returns true; otherwise (or with no match) returns false.
    /// </summary>
    public async Task<bool> RetryAsync(StateFailure failure)
    {
        for (var i = 0; i < errorHandling.Retriers.Count; i++)
        {
            var retrier = errorHandling.Retriers[i];
            if (!Matches(retrier.ErrorEquals, failure))
            {
                continue;
            }

            if (visit.Test is { } test)
            {
                // A test makes one attempt: it reports the retry this rule would make rather than waiting for it.
                test.ReportRetry(i, retrier, failure);
                return false;
            }

            if (_attempts[i] >= retrier.MaxAttempts)
            {
                return false;
            }

            var delaySeconds = ErrorMatching.WithJitter(retrier, ErrorMatching.BackoffSeconds(retrier, _attempts[i]), Random.Shared)
                * visit.Run.DelayScale;
            _attempts[i]++;
            if (delaySeconds > 0)
            {
                await visit.Run.Slot.WaitOutsideAsync(LongTimers.DelayAsync(visit.Run.Time, delaySeconds, visit.Cancellation), visit.Cancellation)
                    .ConfigureAwait(false);
            }

            return true;
        }

        return false;
    }

    /// <summary>If a catcher matches: puts the error output into the input at its ResultPath, records StateExited and returns its Next.</summary>
    public bool TryCatch(StateFailure failure, out StateOutcome outcome)
    {
        for (var i = 0; i < errorHandling.Catchers.Count; i++)
        {
            var catcher = errorHandling.Catchers[i];
            if (!Matches(catcher.ErrorEquals, failure))
            {
                continue;
            }

            visit.Test?.ReportCatch(i, failure);
            var errorOutput = new JsonObject
            {
                ["Error"] = failure.Error,
                ["Cause"] = failure.Cause ?? string.Empty,
            };
            outcome = StateEvents.Exit(visit, visit.State.DataFlow.ApplyCatch(visit, catcher, errorOutput), catcher.Next);
            return true;
        }

        outcome = default;
        return false;
    }

    private bool Matches(IReadOnlyList<string> errorEquals, StateFailure failure) =>
        ErrorMatching.Matches(errorEquals, failure.Error, isTask);
}
