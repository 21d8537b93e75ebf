using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LongLivedTransactions.Core.Model;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Inventory;

/// <summary>
/// Reads and writes inventory transactions in the inventory table (partition key <c>transaction_id</c>;
/// index <c>orderIDIndex</c> on <c>order_id</c> + <c>transaction_type</c>).
/// </summary>
public sealed class InventoryTable(IAmazonDynamoDB dynamoDb, string tableName)
{
    private const string IfAbsent = "attribute_not_exists(transaction_id)";
    private const string UnlessVoid = "attribute_not_exists(transaction_id) OR transaction_type <> :void";

    /// <summary>Saves a transaction, replacing whatever has its id (a retried step overwrites its own record).</summary>
    public Task PutAsync(InventoryTransaction transaction, CancellationToken cancellationToken) =>
        WriteAsync(transaction, condition: null, cancellationToken);

    /// <summary>
    /// Saves a transaction unless a <see cref="InventoryTransactionType.Void"/> holds its id, left by a release that ran
    /// before it. False when refused.
    /// </summary>
    public Task<bool> PutUnlessVoidAsync(InventoryTransaction transaction, CancellationToken cancellationToken) =>
        WriteAsync(transaction, UnlessVoid, cancellationToken);

    /// <summary>Saves a <see cref="InventoryTransactionType.Void"/> unless a record already holds its id. False when one does.</summary>
    public Task<bool> PutVoidIfAbsentAsync(InventoryTransaction tombstone, CancellationToken cancellationToken) =>
        WriteAsync(tombstone, IfAbsent, cancellationToken);

    /// <summary>
    /// Reads one transaction by its id with a strongly consistent read: a record written a moment ago is always found
    /// (a read of the order index is eventually consistent and can miss it). Null when there is none.
    /// </summary>
    public async Task<InventoryTransaction?> GetAsync(string transactionId, CancellationToken cancellationToken)
    {
        GetItemResponse response = await dynamoDb.GetItemAsync(
            new GetItemRequest
            {
                TableName = tableName,
                Key = new Dictionary<string, AttributeValue> { ["transaction_id"] = new() { S = transactionId } },
                ConsistentRead = true,
            },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    /// <summary>
    /// Finds the order's transaction of the given type through the order index (eventually consistent on DynamoDB),
    /// or null when there is none. For reports; a compensation reads by id with <see cref="GetAsync"/>.
    /// </summary>
    public async Task<InventoryTransaction?> FindAsync(string orderId, string transactionType, CancellationToken cancellationToken)
    {
        QueryResponse response = await dynamoDb.QueryAsync(
            new QueryRequest
            {
                TableName = tableName,
                IndexName = SagaTopology.OrderIndexName,
                KeyConditionExpression = "order_id = :order_id AND transaction_type = :transaction_type",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":order_id"] = new() { S = orderId },
                    [":transaction_type"] = new() { S = transactionType },
                },
            },
            cancellationToken).ConfigureAwait(false);

        return response.Items is { Count: > 0 } items ? FromItem(items[0]) : null;
    }

    private async Task<bool> WriteAsync(InventoryTransaction transaction, string? condition, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = new Dictionary<string, AttributeValue>
            {
                ["transaction_id"] = new() { S = transaction.TransactionId },
                ["order_id"] = new() { S = transaction.OrderId },
                ["transaction_type"] = new() { S = transaction.TransactionType },
                ["items"] = new() { L = transaction.Items.Select(id => new AttributeValue { S = id }).ToList() },
                ["transaction_date"] = new() { S = transaction.TransactionDate },
            },
            ConditionExpression = condition,
            ExpressionAttributeValues = condition == UnlessVoid ? new() { [":void"] = new() { S = InventoryTransactionType.Void } } : null,
        };
        try
        {
            await dynamoDb.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static InventoryTransaction FromItem(Dictionary<string, AttributeValue> item) => new()
    {
        TransactionId = item["transaction_id"].S,
        OrderId = item["order_id"].S,
        TransactionType = item["transaction_type"].S,
        Items = item.GetValueOrDefault("items")?.L?.Select(value => value.S).ToList() ?? [],
        TransactionDate = item["transaction_date"].S,
    };
}
