using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Local.Invariants;

/// <summary>Every record of the three saga tables, read with full scans.</summary>
public sealed record SagaTableSnapshot(
    IReadOnlyList<SagaTableSnapshot.OrderRow> Orders,
    IReadOnlyList<SagaTableSnapshot.TransactionRow> Payments,
    IReadOnlyList<SagaTableSnapshot.TransactionRow> Inventory)
{
    /// <summary>An order: its status and its total (quantity times unit price over its items).</summary>
    public sealed record OrderRow(string OrderId, string? Status, decimal Total);

    /// <summary>A payment or inventory transaction; <see cref="Amount"/> is zero for inventory.</summary>
    public sealed record TransactionRow(string TransactionId, string OrderId, string Type, decimal Amount);

    public static async Task<SagaTableSnapshot> ReadAsync(
        IAmazonDynamoDB dynamoDb, IReadOnlyDictionary<string, string> tableNames, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tableNames);
        var orders = (await ScanAsync(dynamoDb, tableNames[SagaTopology.Orders.LogicalName], cancellationToken).ConfigureAwait(false))
            .Select(item => new OrderRow(item["order_id"].S, item.GetValueOrDefault("order_status")?.S, Total(item)))
            .ToList();
        var payments = (await ScanAsync(dynamoDb, tableNames[SagaTopology.Payments.LogicalName], cancellationToken).ConfigureAwait(false))
            .Select(item => new TransactionRow(
                item["transaction_id"].S,
                item.GetValueOrDefault("order_id")?.S ?? string.Empty,
                item.GetValueOrDefault("payment_type")?.S ?? string.Empty,
                item.GetValueOrDefault("payment_amount")?.N is { } amount ? decimal.Parse(amount, CultureInfo.InvariantCulture) : 0m))
            .ToList();
        var inventory = (await ScanAsync(dynamoDb, tableNames[SagaTopology.Inventory.LogicalName], cancellationToken).ConfigureAwait(false))
            .Select(item => new TransactionRow(
                item["transaction_id"].S,
                item.GetValueOrDefault("order_id")?.S ?? string.Empty,
                item.GetValueOrDefault("transaction_type")?.S ?? string.Empty,
                0m))
            .ToList();
        return new SagaTableSnapshot(orders, payments, inventory);
    }

    private static decimal Total(Dictionary<string, AttributeValue> order) =>
        order.GetValueOrDefault("items")?.L?.Sum(line =>
            decimal.Parse(line.M.GetValueOrDefault("qty")?.N ?? "0", CultureInfo.InvariantCulture)
            * decimal.Parse(line.M.GetValueOrDefault("unit_price")?.N ?? "0", CultureInfo.InvariantCulture)) ?? 0m;

    private static async Task<List<Dictionary<string, AttributeValue>>> ScanAsync(IAmazonDynamoDB dynamoDb, string table, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            ScanResponse page = await dynamoDb.ScanAsync(
                new ScanRequest { TableName = table, ExclusiveStartKey = start, ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
        return items;
    }
}
