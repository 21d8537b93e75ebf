using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Comparison;

/// <summary>
/// Compares a recorded history with ours event by event. A run of events whose id is [0] (a Parallel block
/// the recording sorted, rule 8) is compared as a multiset.
/// </summary>
internal static class HistoryMatcher
{
    /// <summary>Null when the histories match, otherwise the first difference.</summary>
    public static string? FindDifference(JsonArray expected, JsonArray actual, JsonMatcher matcher)
    {
        var expectedIndex = 0;
        var actualIndex = 0;
        while (expectedIndex < expected.Count && actualIndex < actual.Count)
        {
            if (IsSortedBlockEvent(expected[expectedIndex]))
            {
                var expectedBlock = TakeBlock(expected, expectedIndex);
                var actualBlock = TakeBlock(actual, actualIndex);
                if (BlockDifference(expectedBlock, actualBlock, matcher) is { } blockDifference)
                {
                    return $"Parallel block at event {expectedIndex + 1}: {blockDifference}";
                }

                expectedIndex += expectedBlock.Count;
                actualIndex += actualBlock.Count;
                continue;
            }

            if (matcher.FindDifference(expected[expectedIndex], actual[actualIndex]) is { } difference)
            {
                return $"event {expectedIndex + 1} (expected {TypeOf(expected[expectedIndex])}, actual {TypeOf(actual[actualIndex])}): {difference}";
            }

            expectedIndex++;
            actualIndex++;
        }

        if (expectedIndex < expected.Count || actualIndex < actual.Count)
        {
            return $"{expected.Count} events expected, {actual.Count} found; expected next: "
                   + $"[{string.Join(", ", expected.Skip(expectedIndex).Take(4).Select(TypeOf))}], "
                   + $"found next: [{string.Join(", ", actual.Skip(actualIndex).Take(4).Select(TypeOf))}]";
        }

        return null;
    }

    private static string? BlockDifference(List<JsonNode?> expected, List<JsonNode?> actual, JsonMatcher matcher)
    {
        if (expected.Count != actual.Count)
        {
            return $"{expected.Count} events expected, {actual.Count} found "
                   + $"(expected [{string.Join(", ", expected.Select(TypeOf))}], found [{string.Join(", ", actual.Select(TypeOf))}])";
        }

        var unmatched = new List<JsonNode?>(actual);
        foreach (var expectedEvent in expected)
        {
            var match = unmatched.FindIndex(candidate => matcher.Matches(expectedEvent, candidate));
            if (match < 0)
            {
                var closest = unmatched.FirstOrDefault(candidate => TypeOf(candidate) == TypeOf(expectedEvent));
                return closest is null
                    ? $"no {TypeOf(expectedEvent)} event found"
                    : $"no event matches the expected {TypeOf(expectedEvent)}: {matcher.FindDifference(expectedEvent, closest)}";
            }

            unmatched.RemoveAt(match);
        }

        return null;
    }

    private static List<JsonNode?> TakeBlock(JsonArray events, int start) =>
        events.Skip(start).TakeWhile(IsSortedBlockEvent).ToList();

    private static bool IsSortedBlockEvent(JsonNode? historyEvent) => historyEvent?["id"] is JsonArray;

    private static string TypeOf(JsonNode? historyEvent) => historyEvent?["type"]?.GetValue<string>() ?? "?";
}
