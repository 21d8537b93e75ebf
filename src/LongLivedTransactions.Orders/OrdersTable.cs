using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Orders;

/// <summary>Reads and writes orders in the orders table (partition key <c>order_id</c>).</summary>
public sealed class OrdersTable(IAmazonDynamoDB dynamoDb, string tableName)
{
    public Task PutAsync(Order order, CancellationToken cancellationToken) =>
        dynamoDb.PutItemAsync(new PutItemRequest { TableName = tableName, Item = ToItem(order) }, cancellationToken);

    public async Task<Order?> GetAsync(string orderId, CancellationToken cancellationToken)
    {
        GetItemResponse response = await dynamoDb.GetItemAsync(
            new GetItemRequest
            {
                TableName = tableName,
                Key = new Dictionary<string, AttributeValue> { ["order_id"] = new() { S = orderId } },
                ConsistentRead = true,
            },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? FromItem(item) : null;
    }

    private static Dictionary<string, AttributeValue> ToItem(Order order)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["order_id"] = new() { S = order.OrderId },
            ["order_status"] = new() { S = order.OrderStatus },
            ["items"] = new()
            {
                L = order.Items!.Select(orderItem => new AttributeValue { M = ToItem(orderItem) }).ToList(),
            },
        };
        AddIfPresent(item, "order_date", order.OrderDate);
        AddIfPresent(item, "customer_id", order.CustomerId);
        return item;
    }

    private static Dictionary<string, AttributeValue> ToItem(OrderItem orderItem)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["item_id"] = new() { S = orderItem.ItemId },
            ["qty"] = new() { N = orderItem.Quantity!.Value.ToString(CultureInfo.InvariantCulture) },
            ["unit_price"] = new() { N = orderItem.UnitPrice!.Value.ToString(CultureInfo.InvariantCulture) },
        };
        AddIfPresent(item, "description", orderItem.Description);
        return item;
    }

    private static Order FromItem(Dictionary<string, AttributeValue> item) => new()
    {
        OrderId = item["order_id"].S,
        OrderDate = item.GetValueOrDefault("order_date")?.S,
        CustomerId = item.GetValueOrDefault("customer_id")?.S,
        OrderStatus = item.GetValueOrDefault("order_status")?.S,
        Items = item.GetValueOrDefault("items")?.L?.Select(value => FromOrderItem(value.M)).ToList() ?? [],
    };

    private static OrderItem FromOrderItem(Dictionary<string, AttributeValue> item) => new()
    {
        ItemId = item["item_id"].S,
        Quantity = decimal.Parse(item["qty"].N, CultureInfo.InvariantCulture),
        UnitPrice = decimal.Parse(item["unit_price"].N, CultureInfo.InvariantCulture),
        Description = item.GetValueOrDefault("description")?.S,
    };

    private static void AddIfPresent(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = new AttributeValue { S = value };
        }
    }
}
