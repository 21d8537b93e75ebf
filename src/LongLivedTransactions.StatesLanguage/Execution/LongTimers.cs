namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>
/// Waits of any length on a <see cref="TimeProvider"/>. A .NET timer takes at most about 49.7 days, while a Wait
/// state or a state machine timeout may last a year or more, so long waits sleep in slices and re-read the clock.
/// </summary>
public static class LongTimers
{
    /// <summary>The longest single timer; well below the runtime's limit of 2^32 - 2 milliseconds.</summary>
    private static readonly TimeSpan MaxSlice = TimeSpan.FromDays(1);

    /// <summary>Completes when the clock reaches <paramref name="until"/> (at once if it already has).</summary>
    public static async Task DelayUntilAsync(TimeProvider time, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        while (true)
        {
            var left = until - time.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return;
            }

            await Task.Delay(left < MaxSlice ? left : MaxSlice, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Completes after <paramref name="seconds"/> on the clock; any non-negative length.</summary>
    public static Task DelayAsync(TimeProvider time, double seconds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);

        // Up to a slice, one timer of exactly that span (as TimeSpan.FromSeconds rounds it); longer, in slices.
        return seconds < MaxSlice.TotalSeconds
            ? Task.Delay(TimeSpan.FromSeconds(seconds), time, cancellationToken)
            : DelayUntilAsync(time, AddSeconds(time.GetUtcNow(), seconds), cancellationToken);
    }

    /// <summary>Adds seconds, saturating at the largest representable time instead of throwing.</summary>
    public static DateTimeOffset AddSeconds(DateTimeOffset start, double seconds)
    {
        var room = (DateTimeOffset.MaxValue - start).TotalSeconds;
        return seconds >= room ? DateTimeOffset.MaxValue : start.AddSeconds(seconds);
    }
}
