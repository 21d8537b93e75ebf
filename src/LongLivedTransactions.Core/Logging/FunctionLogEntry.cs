using System.Text.Json.Serialization;

namespace LongLivedTransactions.Core.Logging;

/// <summary>One structured log line of a function invocation.</summary>
public sealed record FunctionLogEntry(
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("level")] string Level,
    [property: JsonPropertyName("function")] string Function,
    [property: JsonPropertyName("order_id")] string? OrderId,
    [property: JsonPropertyName("outcome")] string Outcome,
    [property: JsonPropertyName("error_type")] string? ErrorType = null,
    [property: JsonPropertyName("message")] string? Message = null);
