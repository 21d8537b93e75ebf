namespace LongLivedTransactions.StatesLanguage.History;

/// <summary>Numbers and stores the events of one execution; safe to use from parallel branches.</summary>
internal sealed class HistoryRecorder(TimeProvider timeProvider)
{
    private readonly List<HistoryEvent> _events = new(32);
    private readonly Lock _lock = new();
    private bool _closed;

    /// <summary>Records an event after the cursor's last event and moves the cursor to it.</summary>
    public long Record(HistoryCursor cursor, string type, string? detailsName = null, EventDetails? details = null, DateTimeOffset? timestamp = null)
    {
        var id = Append(cursor.LastEventId, type, detailsName, details, timestamp);
        cursor.LastEventId = id;
        return id;
    }

    /// <summary>Records an event after the cursor's last event without moving the cursor.</summary>
    public long RecordBeside(HistoryCursor cursor, string type, string? detailsName = null, EventDetails? details = null) =>
        Append(cursor.LastEventId, type, detailsName, details);

    /// <summary>
    /// Records the execution's last event (succeeded, failed, aborted, timed out). Nothing is recorded
    /// after it: a state still finishing when the execution was stopped leaves no events behind it.
    /// </summary>
    public void RecordFinal(HistoryCursor cursor, string type, string detailsName, EventDetails details)
    {
        Record(cursor, type, detailsName, details);
        lock (_lock)
        {
            _closed = true;
        }
    }

    public IReadOnlyList<HistoryEvent> Snapshot()
    {
        lock (_lock)
        {
            return _events.ToArray();
        }
    }

    private long Append(long previousEventId, string type, string? detailsName, EventDetails? details, DateTimeOffset? timestamp = null)
    {
        var now = timestamp ?? timeProvider.GetUtcNow();
        lock (_lock)
        {
            if (_closed)
            {
                return _events.Count;
            }

            var id = _events.Count + 1;
            _events.Add(new HistoryEvent(id, previousEventId, now, type, detailsName, details));
            return id;
        }
    }
}
