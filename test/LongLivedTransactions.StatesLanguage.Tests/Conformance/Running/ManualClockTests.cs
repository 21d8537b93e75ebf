namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Running;

public sealed class ManualClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_delay_completes_when_the_clock_jumps_to_it()
    {
        var clock = new ManualClock(Start);
        var delay = Task.Delay(TimeSpan.FromDays(1), clock);

        Assert.False(delay.IsCompleted);
        Assert.True(clock.FireNextTimer());
        await delay.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(Start.AddDays(1), clock.GetUtcNow());
        Assert.False(clock.FireNextTimer());
    }

    [Fact]
    public async Task Timers_fire_in_due_time_order_so_a_timeout_beats_a_longer_wait()
    {
        var clock = new ManualClock(Start);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5), clock);
        var wait = Task.Delay(TimeSpan.FromSeconds(60), clock);

        Assert.True(clock.FireNextTimer());

        Assert.True(timeout.IsCancellationRequested);
        Assert.False(wait.IsCompleted);
        Assert.Equal(Start.AddSeconds(5), clock.GetUtcNow());
        Assert.True(clock.FireNextTimer());
        await wait.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(Start.AddSeconds(60), clock.GetUtcNow());
    }

    [Fact]
    public void A_disposed_timer_never_fires()
    {
        var clock = new ManualClock(Start);
        var fired = 0;
        var timer = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);

        timer.Dispose();

        Assert.False(clock.FireNextTimer());
        Assert.Equal(0, fired);
        Assert.Equal(Start, clock.GetUtcNow());
    }

    [Fact]
    public void Elapsed_time_follows_the_clock()
    {
        var clock = new ManualClock(Start);
        var before = clock.GetTimestamp();
        using var timer = clock.CreateTimer(_ => { }, null, TimeSpan.FromMinutes(3), Timeout.InfiniteTimeSpan);

        clock.FireNextTimer();

        Assert.Equal(TimeSpan.FromMinutes(3), clock.GetElapsedTime(before));
    }
}
