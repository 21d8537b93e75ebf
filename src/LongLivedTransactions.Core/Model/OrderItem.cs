using System.Text.Json.Serialization;

namespace LongLivedTransactions.Core.Model;

/// <summary>One line of an order.</summary>
public sealed record OrderItem
{
    [JsonPropertyName("item_id")]
    public string? ItemId { get; init; }

    [JsonPropertyName("qty")]
    public decimal Quantity { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("unit_price")]
    public decimal UnitPrice { get; init; }
}
