using System.Text.Json;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.Local.Invariants;

/// <summary>
/// What the invariant checker needs to know of one saga execution, read from its history as GetExecutionHistory
/// returns it: the order it ran for, its status, the path it took, the retries it made, and whether a compensation
/// failure was announced (a <c>sns:Notify…Fail</c> state published).
/// </summary>
public sealed record ExecutionSummary(
    string ExecutionArn,
    string Status,
    DateTimeOffset StartDate,
    string? OrderId,
    IReadOnlyList<string> Path,
    int Retries,
    string? AnnouncedFailure)
{
    public bool Ended => Status != "RUNNING";

    /// <param name="events">The history events as JSON objects (<c>type</c>, <c>timestamp</c>, <c>…EventDetails</c>).</param>
    public static ExecutionSummary FromHistory(string executionArn, string status, IEnumerable<JsonObject> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var path = new List<string>();
        string? orderId = null;
        string? announced = null;
        string? current = null;
        DateTimeOffset start = DateTimeOffset.MinValue;
        int retries = 0;
        int scheduledInState = 0;
        foreach (JsonObject item in events)
        {
            string type = item["type"]?.GetValue<string>() ?? string.Empty;
            JsonObject? details = item.Where(member => member.Key.EndsWith("EventDetails", StringComparison.Ordinal))
                .Select(member => member.Value as JsonObject).FirstOrDefault();
            switch (type)
            {
                case "ExecutionStarted":
                    start = item["timestamp"] is JsonValue seconds && seconds.TryGetValue(out double epoch)
                        ? DateTimeOffset.FromUnixTimeMilliseconds((long)(epoch * 1000))
                        : start;
                    orderId = ReadOrderId(details?["input"]?.GetValue<string>());
                    break;
                case var entered when entered.EndsWith("StateEntered", StringComparison.Ordinal):
                    current = details?["name"]?.GetValue<string>();
                    if (current is not null)
                    {
                        path.Add(current);
                    }

                    scheduledInState = 0;
                    break;
                case "TaskScheduled" or "LambdaFunctionScheduled":
                    if (++scheduledInState > 1)
                    {
                        retries++;
                    }

                    break;
                case "TaskSucceeded" when current is not null
                    && current.StartsWith("sns:Notify", StringComparison.Ordinal)
                    && current.EndsWith("Fail", StringComparison.Ordinal):
                    announced = current;
                    break;
            }
        }

        return new ExecutionSummary(executionArn, status, start, orderId, path, retries, announced);
    }

    private static string? ReadOrderId(string? input)
    {
        if (input is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(input) is JsonObject order && order["order_id"] is JsonValue id && id.TryGetValue(out string? text)
                && Guid.TryParseExact(text, "D", out _)
                ? text
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
