using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>
/// How Retry and Catch pick up an error, and how long a retrier waits: one definition, used by executions
/// and by TestState alike.
/// </summary>
public static class ErrorMatching
{
    /// <summary>
    /// Whether <paramref name="errorEquals"/> matches <paramref name="error"/>. States.Runtime is never matched
    /// (it always fails the execution); States.ALL matches every other error, including States.DataLimitExceeded
    /// (recorded on AWS); in a Task, States.TaskFailed matches every error but the timeouts.
    /// </summary>
    public static bool Matches(IReadOnlyList<string> errorEquals, string? error, bool isTask)
    {
        ArgumentNullException.ThrowIfNull(errorEquals);
        if (error == ErrorNames.Runtime)
        {
            return false;
        }

        foreach (var name in errorEquals)
        {
            if (name == error || name == ErrorNames.All)
            {
                return true;
            }

            if (isTask && name == ErrorNames.TaskFailed && error is not (ErrorNames.Timeout or ErrorNames.HeartbeatTimeout))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The back-off before retry number <paramref name="attempt"/> (0 for the first retry): IntervalSeconds ×
    /// BackoffRate^attempt, capped by MaxDelaySeconds, before jitter.
    /// </summary>
    public static double BackoffSeconds(Retrier retrier, int attempt)
    {
        ArgumentNullException.ThrowIfNull(retrier);
        var delaySeconds = retrier.IntervalSeconds * Math.Pow(retrier.BackoffRate, attempt);
        return retrier.MaxDelaySeconds is { } maxDelay ? Math.Min(delaySeconds, maxDelay) : delaySeconds;
    }

    /// <summary>The delay actually waited: with full jitter, a random share of the back-off.</summary>
    public static double WithJitter(Retrier retrier, double backoffSeconds, Random random)
    {
        ArgumentNullException.ThrowIfNull(retrier);
        ArgumentNullException.ThrowIfNull(random);
        return retrier.JitterStrategy == JitterStrategy.Full ? backoffSeconds * random.NextDouble() : backoffSeconds;
    }
}
