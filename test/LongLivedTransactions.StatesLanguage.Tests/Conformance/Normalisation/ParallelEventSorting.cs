using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Normalisation;

/// <summary>
/// Normalisation rule 8, as the recording applied it: events after a ParallelStateStarted get id [0] and
/// previousEventId 0, and when a ParallelState{Succeeded,Failed,Aborted,Exited} event comes, the list from
/// after the last ParallelStateStarted up to that event is replaced by the sorted collected events. The
/// replacement is repeated at every closing event, so a closing event that follows another one removes the
/// events in between (which is why recorded Parallel histories miss ParallelStateSucceeded); the walk goes
/// on by index over the shortened list. Reproducing that exactly makes our history comparable.
/// </summary>
internal static class ParallelEventSorting
{
    private static readonly HashSet<string> ClosingTypes =
        ["ParallelStateSucceeded", "ParallelStateAborted", "ParallelStateExited", "ParallelStateFailed"];

    public static void Apply(JsonArray events)
    {
        int? blockStart = null;
        var collected = new List<JsonNode>();
        var collecting = false;
        for (var index = 0; index < events.Count; index++)
        {
            var historyEvent = events[index]!.AsObject();
            var type = historyEvent["type"]?.GetValue<string>();
            if (type is null)
            {
                collecting = false;
            }
            else if (ClosingTypes.Contains(type))
            {
                ReplaceRange(events, blockStart ?? 0, index, SortByText(collected));
                collecting = false;
            }
            else if (type == "ParallelStateStarted")
            {
                collecting = true;
                collected = [];
                blockStart = index + 1;
            }
            else if (collecting)
            {
                historyEvent["id"] = new JsonArray(0);
                historyEvent["previousEventId"] = 0;
                collected.Add(historyEvent);
            }
        }
    }

    // A list slice assignment events[start:end] = replacement (an empty slice when end < start).
    private static void ReplaceRange(JsonArray events, int start, int end, IReadOnlyList<JsonNode> replacement)
    {
        var clones = replacement.Select(node => node.DeepClone()).ToArray();
        for (var index = Math.Max(end, start) - 1; index >= start; index--)
        {
            events.RemoveAt(index);
        }

        for (var offset = 0; offset < clones.Length; offset++)
        {
            events.Insert(start + offset, clones[offset]);
        }
    }

    private static List<JsonNode> SortByText(List<JsonNode> events) =>
        events.OrderBy(node => CanonicalJson.Write(node), StringComparer.Ordinal).ToList();
}
