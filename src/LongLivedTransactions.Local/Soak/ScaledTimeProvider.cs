namespace LongLivedTransactions.Local.Soak;

/// <summary>
/// A clock that runs <c>scale</c> times faster than the wall clock: timers fire after 1/scale of their due time and the
/// time read advances scale times as fast, so retry back-off, task timeouts and Wait states keep their proportions but
/// take a fraction of the real time. The soak runs on it; everything else uses the system clock.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly double scale;
    private readonly DateTimeOffset start;
    private readonly long startTimestamp;

    public ScaledTimeProvider(double scale)
    {
        if (!(scale >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The time scale must be 1 or more.");
        }

        this.scale = scale;
        start = System.GetUtcNow();
        startTimestamp = System.GetTimestamp();
    }

    public override DateTimeOffset GetUtcNow() => start + TimeSpan.FromTicks((long)(System.GetElapsedTime(startTimestamp).Ticks * scale));

    public override long GetTimestamp() => startTimestamp + (long)((System.GetTimestamp() - startTimestamp) * scale);

    public override long TimestampFrequency => System.TimestampFrequency;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        new ScaledTimer(System.CreateTimer(callback, state, Shrink(dueTime), Shrink(period)), this);

    private TimeSpan Shrink(TimeSpan span) =>
        span == Timeout.InfiniteTimeSpan || span <= TimeSpan.Zero ? span : TimeSpan.FromTicks(Math.Max(1, (long)(span.Ticks / scale)));

    private sealed class ScaledTimer(ITimer inner, ScaledTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.Shrink(dueTime), clock.Shrink(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
