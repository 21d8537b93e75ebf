using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Local.Cli;

/// <summary>The outcome of one scenario file: the execution, the path it took, and what it left behind.</summary>
public sealed record ScenarioReport(
    [property: JsonPropertyName("file")] string File,
    [property: JsonPropertyName("executionArn")] string ExecutionArn,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("path")] IReadOnlyList<string> Path,
    [property: JsonPropertyName("error")] string? Error,
    [property: JsonPropertyName("cause")] string? Cause,
    [property: JsonPropertyName("notifications")] IReadOnlyList<NotificationReport> Notifications,
    [property: JsonPropertyName("records")] RecordsReport Records);

/// <summary>A message the execution published; <c>message</c> is parsed when it is JSON.</summary>
public sealed record NotificationReport(
    [property: JsonPropertyName("topicArn")] string TopicArn,
    [property: JsonPropertyName("message")] JsonNode? Message);

public sealed record RecordsReport(
    [property: JsonPropertyName("order_status")] string? OrderStatus,
    [property: JsonPropertyName("payments")] IReadOnlyList<Payment> Payments,
    [property: JsonPropertyName("inventory")] IReadOnlyList<InventoryTransaction> Inventory);

[JsonSourceGenerationOptions(WriteIndented = false)]
[JsonSerializable(typeof(ScenarioReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
