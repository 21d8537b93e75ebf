using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Orders;

/// <summary>Reads and writes orders in the orders table (partition key <c>order_id</c>).</summary>
public sealed class OrdersTable(IAmazonDynamoDB dynamoDb, string tableName)
{
    private const string IfAbsent = "attribute_not_exists(order_id)";
    private const string UnlessVoid = "attribute_not_exists(order_id) OR order_status <> :void";

    /// <summary>Saves an order, replacing whatever has its id.</summary>
    public Task PutAsync(Order order, CancellationToken cancellationToken) => WriteAsync(order, condition: null, cancellationToken);

    /// <summary>
    /// Saves an order unless a <see cref="OrderStatus.Void"/> holds its id, left by a compensation that ran before it.
    /// False when refused.
    /// </summary>
    public Task<bool> PutUnlessVoidAsync(Order order, CancellationToken cancellationToken) => WriteAsync(order, UnlessVoid, cancellationToken);

    /// <summary>Saves a <see cref="OrderStatus.Void"/> order unless the order is already there. False when it is.</summary>
    public Task<bool> PutVoidIfAbsentAsync(Order tombstone, CancellationToken cancellationToken) => WriteAsync(tombstone, IfAbsent, cancellationToken);

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

    private async Task<bool> WriteAsync(Order order, string? condition, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = ToItem(order),
            ConditionExpression = condition,
            ExpressionAttributeValues = condition == UnlessVoid ? new() { [":void"] = new() { S = OrderStatus.Void } } : null,
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
