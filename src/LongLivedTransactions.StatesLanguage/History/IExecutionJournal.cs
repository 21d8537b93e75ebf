namespace LongLivedTransactions.StatesLanguage.History;

/// <summary>
/// Receives the events of one execution as they are recorded, in id order, before the engine acts on them: a
/// durable journal makes every acknowledged step survive a crash. With a journal the engine keeps no copy of the
/// events: the execution's history is read back from the journal.
/// </summary>
public interface IExecutionJournal
{
    void Append(HistoryEvent historyEvent);

    /// <summary>Every event appended so far, in id order.</summary>
    IReadOnlyList<HistoryEvent> ReadAll();
}
