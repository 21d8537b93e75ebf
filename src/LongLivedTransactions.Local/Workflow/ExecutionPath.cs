using LongLivedTransactions.StatesLanguage.History;

namespace LongLivedTransactions.Local.Workflow;

/// <summary>The states an execution entered, in order, read from its history.</summary>
public static class ExecutionPath
{
    public static IReadOnlyList<string> FromHistory(IEnumerable<HistoryEvent> history) =>
        history
            .Where(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal) && e.Details?["name"] is not null)
            .Select(e => e.Details!["name"]!.GetValue<string>())
            .ToList();
}
