namespace LongLivedTransactions.Local.Notifications;

/// <summary>
/// The latest messages of a local service, oldest first: what runs, tests and users read back, bounded so that an
/// <c>up</c> serving for days does not keep every message it ever recorded. Thread-safe.
/// </summary>
public sealed class RecentMessages<T>(int capacity)
{
    private readonly Queue<T> kept = new();
    private readonly Lock gate = new();
    private long recorded;

    /// <summary>How many messages were ever recorded (kept or not): a mark for <see cref="Since"/>.</summary>
    public long Recorded
    {
        get
        {
            lock (gate)
            {
                return recorded;
            }
        }
    }

    public void Add(T message)
    {
        lock (gate)
        {
            kept.Enqueue(message);
            recorded++;
            if (kept.Count > capacity)
            {
                kept.Dequeue();
            }
        }
    }

    /// <summary>The messages kept, oldest first.</summary>
    public IReadOnlyList<T> All()
    {
        lock (gate)
        {
            return kept.ToArray();
        }
    }

    /// <summary>The messages recorded after <paramref name="mark"/> (an earlier <see cref="Recorded"/>) that are still kept.</summary>
    public IReadOnlyList<T> Since(long mark)
    {
        lock (gate)
        {
            long newer = recorded - mark;
            return kept.Skip((int)Math.Max(0, kept.Count - newer)).ToArray();
        }
    }
}
