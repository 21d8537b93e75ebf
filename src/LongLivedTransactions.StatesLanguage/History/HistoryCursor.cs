namespace LongLivedTransactions.StatesLanguage.History;

/// <summary>
/// The last event recorded on one thread of control (the execution, a Parallel branch, a Map
/// iteration). The next event on that thread names it as its previousEventId, as AWS numbers them.
/// </summary>
internal sealed class HistoryCursor(long lastEventId)
{
    public long LastEventId { get; set; } = lastEventId;
}
