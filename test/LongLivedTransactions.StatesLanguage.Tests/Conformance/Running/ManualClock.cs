namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Running;

/// <summary>
/// A clock that stands still until it is told to jump to its next pending timer, firing it. Driven by
/// <see cref="ExecutionDriver"/>, a Wait state or a retry back-off costs no real time, and timers fire in
/// due-time order, so a task timeout still races a Wait as it would on a real clock.
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;
    private long _changeCount;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>Grows whenever a timer is created, changed, disposed or fired: a sign of activity.</summary>
    public long ChangeCount
    {
        get
        {
            lock (_gate)
            {
                return _changeCount;
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Moves the clock to the earliest pending timer and fires every timer due at that instant.
    /// Returns false when no timer is pending.
    /// </summary>
    public bool FireNextTimer()
    {
        List<ManualTimer> due;
        lock (_gate)
        {
            var next = _timers.Where(timer => timer.DueAt is not null).MinBy(timer => timer.DueAt);
            if (next is null)
            {
                return false;
            }

            if (next.DueAt > _now)
            {
                _now = next.DueAt!.Value;
            }

            due = _timers.Where(timer => timer.DueAt <= _now).ToList();
            foreach (var timer in due)
            {
                timer.Reschedule(_now);
            }

            _changeCount++;
        }

        foreach (var timer in due)
        {
            timer.Fire();
        }

        return true;
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        var fireNow = false;
        lock (_gate)
        {
            _changeCount++;
            _timers.Remove(timer);
            timer.Period = period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan ? period : null;
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                timer.DueAt = null;
                return;
            }

            if (dueTime <= TimeSpan.Zero)
            {
                // A real timer with no delay fires at once on the thread pool; so does this one.
                fireNow = true;
                timer.DueAt = timer.Period is { } repeat ? _now + repeat : null;
            }
            else
            {
                timer.DueAt = _now + dueTime;
            }

            if (timer.DueAt is not null)
            {
                _timers.Add(timer);
            }
        }

        if (fireNow)
        {
            ThreadPool.QueueUserWorkItem(_ => timer.Fire());
        }
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate)
        {
            _changeCount++;
            _timers.Remove(timer);
            timer.DueAt = null;
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private volatile bool _disposed;

        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan? Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed)
            {
                return false;
            }

            clock.Schedule(this, dueTime, period);
            return true;
        }

        // Called under the clock's lock once the timer is due: periodic timers come round again.
        public void Reschedule(DateTimeOffset now)
        {
            if (Period is { } period)
            {
                DueAt = now + period;
            }
            else
            {
                DueAt = null;
                clock._timers.Remove(this);
            }
        }

        public void Fire()
        {
            if (!_disposed)
            {
                callback(state);
            }
        }

        public void Dispose()
        {
            _disposed = true;
            clock.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
