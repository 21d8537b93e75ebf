using System.Text.Json;
using System.Text.Json.Serialization;

namespace LongLivedTransactions.Core.Model;

/// <summary>
/// The order as it travels through the saga: the state machine passes it to each function, and each function
/// returns it with its own part (status, payment, inventory) filled in.
/// </summary>
public sealed record Order
{
    [JsonPropertyName("order_id")]
    public string? OrderId { get; init; }

    [JsonPropertyName("order_date")]
    public string? OrderDate { get; init; }

    [JsonPropertyName("customer_id")]
    public string? CustomerId { get; init; }

    [JsonPropertyName("order_status")]
    public string? OrderStatus { get; init; }

    [JsonPropertyName("items")]
    public IReadOnlyList<OrderItem>? Items { get; init; }

    [JsonPropertyName("payment")]
    public Payment? Payment { get; init; }

    [JsonPropertyName("inventory")]
    public InventoryTransaction? Inventory { get; init; }

    /// <summary>
    /// Fields the state machine added (such as the <c>error</c> a Catch stored) pass through untouched,
    /// so a compensation returns them to the next state. (A setter rather than init: the source generator cannot
    /// bind extension data through the object initializer it uses for init-only properties.)
    /// </summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalFields { get; set; }

    /// <summary>
    /// The sum of quantity times unit price over all items, in <see cref="decimal"/> (an overflow throws
    /// <see cref="OverflowException"/>; <see cref="OrderValidator"/> refuses such orders before any step runs).
    /// </summary>
    public decimal Total() => Items?.Sum(item => (item.Quantity ?? 0m) * (item.UnitPrice ?? 0m)) ?? 0m;
}
