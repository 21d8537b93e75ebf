using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LongLivedTransactions.Core.Model;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Payments;

/// <summary>
/// Reads and writes payment transactions in the payments table (partition key <c>transaction_id</c>;
/// index <c>orderIDIndex</c> on <c>order_id</c> + <c>payment_type</c>).
/// </summary>
public sealed class PaymentsTable(IAmazonDynamoDB dynamoDb, string tableName)
{
    private const string IfAbsent = "attribute_not_exists(transaction_id)";
    private const string UnlessVoid = "attribute_not_exists(transaction_id) OR payment_type <> :void";

    /// <summary>Saves a payment, replacing whatever has its id (a retried step overwrites its own record).</summary>
    public Task PutAsync(Payment payment, CancellationToken cancellationToken) => WriteAsync(payment, condition: null, cancellationToken);

    /// <summary>
    /// Saves a payment unless a <see cref="PaymentType.Void"/> holds its id, left by a refund that ran before it.
    /// False when refused.
    /// </summary>
    public Task<bool> PutUnlessVoidAsync(Payment payment, CancellationToken cancellationToken) => WriteAsync(payment, UnlessVoid, cancellationToken);

    /// <summary>Saves a <see cref="PaymentType.Void"/> unless a record already holds its id. False when one does.</summary>
    public Task<bool> PutVoidIfAbsentAsync(Payment tombstone, CancellationToken cancellationToken) => WriteAsync(tombstone, IfAbsent, cancellationToken);

    /// <summary>
    /// Reads one payment by its transaction id with a strongly consistent read: a record written a moment ago is
    /// always found (a read of the order index is eventually consistent and can miss it). Null when there is none.
    /// </summary>
    public async Task<Payment?> GetAsync(string transactionId, CancellationToken cancellationToken)
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
    /// Finds the order's payment of the given type through the order index (eventually consistent on DynamoDB), or
    /// null when there is none. For reports; a compensation reads by id with <see cref="GetAsync"/>.
    /// </summary>
    public async Task<Payment?> FindAsync(string orderId, string paymentType, CancellationToken cancellationToken)
    {
        QueryResponse response = await dynamoDb.QueryAsync(
            new QueryRequest
            {
                TableName = tableName,
                IndexName = SagaTopology.OrderIndexName,
                KeyConditionExpression = "order_id = :order_id AND payment_type = :payment_type",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":order_id"] = new() { S = orderId },
                    [":payment_type"] = new() { S = paymentType },
                },
            },
            cancellationToken).ConfigureAwait(false);

        return response.Items is { Count: > 0 } items ? FromItem(items[0]) : null;
    }

    private async Task<bool> WriteAsync(Payment payment, string? condition, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = new Dictionary<string, AttributeValue>
            {
                ["transaction_id"] = new() { S = payment.TransactionId },
                ["order_id"] = new() { S = payment.OrderId },
                ["payment_type"] = new() { S = payment.PaymentType },
                ["payment_amount"] = new() { N = payment.PaymentAmount.ToString(CultureInfo.InvariantCulture) },
                ["merchant_id"] = new() { S = payment.MerchantId },
                ["transaction_date"] = new() { S = payment.TransactionDate },
            },
            ConditionExpression = condition,
            ExpressionAttributeValues = condition == UnlessVoid ? new() { [":void"] = new() { S = PaymentType.Void } } : null,
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

    private static Payment FromItem(Dictionary<string, AttributeValue> item) => new()
    {
        TransactionId = item["transaction_id"].S,
        OrderId = item["order_id"].S,
        PaymentType = item["payment_type"].S,
        PaymentAmount = decimal.Parse(item["payment_amount"].N, CultureInfo.InvariantCulture),
        MerchantId = item["merchant_id"].S,
        TransactionDate = item["transaction_date"].S,
    };
}
