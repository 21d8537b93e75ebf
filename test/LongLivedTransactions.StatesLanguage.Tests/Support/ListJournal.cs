using LongLivedTransactions.StatesLanguage.History;

namespace LongLivedTransactions.StatesLanguage.Tests.Support;

/// <summary>A journal in memory: what a durable store would hold of an execution's history at any moment.</summary>
internal sealed class ListJournal : IExecutionJournal
{
    private readonly List<HistoryEvent> _events = [];

    public IReadOnlyList<HistoryEvent> Events
    {
        get
        {
            lock (_events)
            {
                return _events.ToArray();
            }
        }
    }

    public IReadOnlyList<string> Types => Events.Select(e => e.Type).ToArray();

    public IReadOnlyList<HistoryEvent> ReadAll() => Events;

    public void Append(HistoryEvent historyEvent)
    {
        lock (_events)
        {
            _events.Add(historyEvent);
        }
    }
}
