namespace LongLivedTransactions.StatesLanguage.History;

/// <summary>
/// Numbers and stores the events of one execution; safe to use from parallel branches. With a journal, events go to
/// it (in order, inside the lock) and are not kept here. At <see cref="MaxEvents"/> the execution fails, as on AWS.
/// </summary>
internal sealed class HistoryRecorder
{
    /// <summary>AWS's limit on the events of one execution history.</summary>
    public const int MaxEvents = 25_000;

    /// <summary>The cause AWS gives when an execution reaches <see cref="MaxEvents"/> (error States.Runtime).</summary>
    public const string LimitCause = "The execution reached the maximum number of history events (25000).";

    private readonly TimeProvider _timeProvider;
    private readonly IExecutionJournal? _journal;
    private readonly List<HistoryEvent>? _events;
    private readonly Lock _lock = new();
    private long _count;
    private bool _closed;

    /// <param name="earlier">Events recorded before a restart; new events are numbered after them.</param>
    public HistoryRecorder(TimeProvider timeProvider, IExecutionJournal? journal = null, IReadOnlyList<HistoryEvent>? earlier = null)
    {
        _timeProvider = timeProvider;
        _journal = journal;
        _count = earlier?.Count ?? 0;
        if (journal is null)
        {
            _events = new List<HistoryEvent>(Math.Max(32, (int)_count));
            if (earlier is not null)
            {
                _events.AddRange(earlier);
            }
        }
    }

    /// <summary>Called (outside the lock) once the limit event has been recorded; the execution then ends FAILED.</summary>
    public Action? LimitReached { get; set; }

    /// <summary>The id of the last event recorded.</summary>
    public long LastEventId
    {
        get
        {
            lock (_lock)
            {
                return _count;
            }
        }
    }

    /// <summary>Records an event after the cursor's last event and moves the cursor to it.</summary>
    public long Record(
        HistoryCursor cursor, string type, string? detailsName = null, EventDetails? details = null, DateTimeOffset? timestamp = null, string? nextState = null)
    {
        var id = Append(cursor, type, detailsName, details, timestamp, nextState, final: false);
        cursor.LastEventId = id;
        return id;
    }

    /// <summary>Records an event after the cursor's last event without moving the cursor.</summary>
    public long RecordBeside(HistoryCursor cursor, string type, string? detailsName = null, EventDetails? details = null, DateTimeOffset? timestamp = null) =>
        Append(cursor, type, detailsName, details, timestamp, null, final: false);

    /// <summary>
    /// Records the execution's last event (succeeded, failed, aborted, timed out). Nothing is recorded
    /// after it: a state still finishing when the execution was stopped leaves no events behind it.
    /// </summary>
    public void RecordFinal(HistoryCursor cursor, string type, string detailsName, EventDetails details, DateTimeOffset? timestamp = null) =>
        cursor.LastEventId = Append(cursor, type, detailsName, details, timestamp, null, final: true);

    public IReadOnlyList<HistoryEvent> Snapshot()
    {
        if (_journal is not null)
        {
            return _journal.ReadAll();
        }

        lock (_lock)
        {
            // Nothing is recorded after the final event: the events themselves can be handed out from then on.
            return _closed ? _events!.AsReadOnly() : _events!.ToArray();
        }
    }

    private long Append(
        HistoryCursor cursor, string type, string? detailsName, EventDetails? details, DateTimeOffset? timestamp, string? nextState, bool final)
    {
        var now = timestamp ?? _timeProvider.GetUtcNow();
        var limitReached = false;
        long id;
        lock (_lock)
        {
            if (_closed)
            {
                return _count;
            }

            if (!final && _count + 1 >= MaxEvents)
            {
                // The last event the history has room for says why the execution ends.
                type = "ExecutionFailed";
                detailsName = "executionFailedEventDetails";
                details = HistoryDetails.ErrorAndCause("States.Runtime", LimitCause);
                nextState = null;
                final = limitReached = true;
            }

            id = _count + 1;
            var historyEvent = new HistoryEvent(id, cursor.LastEventId, now, type, detailsName, details)
            {
                NextState = nextState,
                Scope = final ? null : cursor.Scope,
            };
            _journal?.Append(historyEvent);
            _events?.Add(historyEvent);
            _count = id;
            _closed = final;
        }

        if (limitReached)
        {
            LimitReached?.Invoke();
        }

        return id;
    }
}
