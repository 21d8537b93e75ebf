using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace LongLivedTransactions.Integration.Tests;

/// <summary>Reads back what the functions left in a table, by a full scan filtered on the order id.</summary>
internal static class TableContents
{
    public static async Task<List<Dictionary<string, AttributeValue>>> ForOrderAsync(IAmazonDynamoDB dynamoDb, string tableName, string orderId)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            ScanResponse page = await dynamoDb.ScanAsync(new ScanRequest
            {
                TableName = tableName,
                FilterExpression = "order_id = :order_id",
                ExpressionAttributeValues = new() { [":order_id"] = new AttributeValue { S = orderId } },
                ConsistentRead = true,
                ExclusiveStartKey = startKey,
            });
            items.AddRange(page.Items);
            startKey = page.LastEvaluatedKey is { Count: > 0 } key ? key : null;
        }
        while (startKey is not null);

        return items;
    }
}
