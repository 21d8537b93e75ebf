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

            if (_attempts[i] >= retrier.MaxAttempts)
            {
                return false;
            }

            var delaySeconds = retrier.IntervalSeconds * Math.Pow(retrier.BackoffRate, _attempts[i]);
            if (retrier.MaxDelaySeconds is { } maxDelay)
            {
                delaySeconds = Math.Min(delaySeconds, maxDelay);
            }

            if (retrier.JitterStrategy == JitterStrategy.Full)
            {
                delaySeconds *= Random.Shared.NextDouble();
            }

            _attempts[i]++;
            if (delaySeconds > 0)
            {
                await LongTimers.DelayAsync(visit.Run.Time, delaySeconds, visit.Cancellation).ConfigureAwait(false);
            }

            return true;
        }

        return false;
    }

    /// <summary>If a catcher matches: puts the error output into the input at its ResultPath, records StateExited and returns its Next.</summary>
    public bool TryCatch(StateFailure failure, out StateOutcome outcome)
    {
        foreach (var catcher in errorHandling.Catchers)
        {
            if (!Matches(catcher.ErrorEquals, failure))
            {
                continue;
            }

            var errorOutput = new JsonObject
            {
                ["Error"] = failure.Error,
                ["Cause"] = failure.Cause ?? string.Empty,
            };
            var assigned = DataFlow.EvaluateAssign(visit, catcher.Assign, errorOutput);
            var output = DataFlow.ApplyResultPath(visit, catcher.ResultPath, visit.RawInput, errorOutput);
            var assignedTexts = DataFlow.StoreAssigned(visit, assigned);
            outcome = StateEvents.Exit(visit, output, assignedTexts, catcher.Next);
            return true;
        }

        outcome = default;
        return false;
    }

    /// <summary>
    /// States.ALL matches every error except States.Runtime, which is never retried or caught; in a
    /// Task, States.TaskFailed matches every error but States.Timeout.
    /// </summary>
    private bool Matches(IReadOnlyList<string> errorEquals, StateFailure failure)
    {
        if (failure.IsTerminal)
        {
            return false;
        }

        foreach (var name in errorEquals)
        {
            if (name == failure.Error)
            {
                return true;
            }

            if (name == ErrorNames.All)
            {
                return true;
            }

            if (isTask && name == ErrorNames.TaskFailed && failure.Error is not (ErrorNames.Timeout or ErrorNames.HeartbeatTimeout))
            {
                return true;
            }
        }

        return false;
    }
}
