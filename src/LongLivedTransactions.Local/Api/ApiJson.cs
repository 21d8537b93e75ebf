using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution;

namespace LongLivedTransactions.Local.Api;

/// <summary>How the JSON 1.0 protocol writes the API's values.</summary>
public static class ApiJson
{
    /// <summary>Timestamps are epoch seconds with a fractional part (milliseconds).</summary>
    public static JsonNode Timestamp(DateTimeOffset time) => JsonValue.Create(time.ToUnixTimeMilliseconds() / 1000.0);

    public static string StatusText(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Running => "RUNNING",
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        ExecutionStatus.Aborted => "ABORTED",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown execution status."),
    };

    public static ExecutionStatus? ParseStatus(string? text) => text switch
    {
        null => null,
        "RUNNING" => ExecutionStatus.Running,
        "SUCCEEDED" => ExecutionStatus.Succeeded,
        "FAILED" => ExecutionStatus.Failed,
        "TIMED_OUT" => ExecutionStatus.TimedOut,
        "ABORTED" => ExecutionStatus.Aborted,
        _ => throw new ArgumentOutOfRangeException(nameof(text), text, "Unknown execution status."),
    };

    /// <summary>Adds a member only when it has a value (the API leaves absent members out).</summary>
    public static JsonObject With(this JsonObject json, string member, JsonNode? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (value is not null)
        {
            json[member] = value;
        }

        return json;
    }
}
