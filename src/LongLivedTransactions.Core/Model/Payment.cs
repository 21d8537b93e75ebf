using System.Text.Json.Serialization;

namespace LongLivedTransactions.Core.Model;

/// <summary>A payment transaction recorded by the payments service: a debit, or the credit that refunds it.</summary>
public sealed record Payment
{
    [JsonPropertyName("merchant_id")]
    public required string MerchantId { get; init; }

    [JsonPropertyName("payment_amount")]
    public required decimal PaymentAmount { get; init; }

    [JsonPropertyName("transaction_id")]
    public required string TransactionId { get; init; }

    [JsonPropertyName("transaction_date")]
    public required string TransactionDate { get; init; }

    [JsonPropertyName("order_id")]
    public required string OrderId { get; init; }

    [JsonPropertyName("payment_type")]
    public required string PaymentType { get; init; }
}
