using System.Globalization;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.History;

/// <summary>
/// The last event recorded on one thread of control (the execution, a Parallel branch, a Map
/// iteration). The next event on that thread names it as its previousEventId, as AWS numbers them.
/// </summary>
/// <param name="scope">Which branch or iteration the thread runs (<see cref="HistoryEvent.Scope"/>); null for the execution itself.</param>
internal sealed class HistoryCursor(long lastEventId, string? scope = null)
{
    public long LastEventId { get; set; } = lastEventId;

    /// <summary>The scope the events recorded through this cursor belong to.</summary>
    public string? Scope { get; } = scope;

    /// <summary>A cursor for branch or item <paramref name="index"/> of the Parallel or Map state <paramref name="stateName"/> run on this thread.</summary>
    public HistoryCursor Child(string stateName, int index, long lastEventId) => new(lastEventId, ChildScope(Scope, stateName, index));

    /// <summary>
    /// The scope of a branch or iteration inside <paramref name="parent"/>: a JSON array of [state name, index] pairs
    /// from the outermost state in, such as <c>[["Fan out",1],["Each item",3]]</c>.
    /// </summary>
    public static string ChildScope(string? parent, string stateName, int index)
    {
        var segment = $"[{JsonValue.Create(stateName).ToJsonString()},{index.ToString(CultureInfo.InvariantCulture)}]";
        return parent is null ? $"[{segment}]" : $"{parent[..^1]},{segment}]";
    }
}
