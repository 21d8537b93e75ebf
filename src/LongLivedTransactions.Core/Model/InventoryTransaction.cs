using System.Text.Json.Serialization;

namespace LongLivedTransactions.Core.Model;

/// <summary>An inventory transaction recorded by the inventory service: a reservation, or the release that undoes it.</summary>
public sealed record InventoryTransaction
{
    [JsonPropertyName("transaction_id")]
    public required string TransactionId { get; init; }

    [JsonPropertyName("transaction_date")]
    public required string TransactionDate { get; init; }

    [JsonPropertyName("order_id")]
    public required string OrderId { get; init; }

    [JsonPropertyName("items")]
    public required IReadOnlyList<string> Items { get; init; }

    [JsonPropertyName("transaction_type")]
    public required string TransactionType { get; init; }
}
