using System.Text.Json.Serialization;

namespace LongLivedTransactions.Core.Model;

/// <summary>
/// One line of an order. Quantity and price are nullable so that a missing field is told apart from a zero:
/// <see cref="OrderValidator"/> refuses both before anything is written.
/// </summary>
public sealed record OrderItem
{
    [JsonPropertyName("item_id")]
    public string? ItemId { get; init; }

    [JsonPropertyName("qty")]
    public decimal? Quantity { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    [JsonPropertyName("unit_price")]
    public decimal? UnitPrice { get; init; }
}
