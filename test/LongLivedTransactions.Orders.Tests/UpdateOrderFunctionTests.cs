using Amazon.DynamoDBv2.Model;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;
using LongLivedTransactions.Testing;
using Moq;

namespace LongLivedTransactions.Orders.Tests;

public class UpdateOrderFunctionTests
{
    private readonly DynamoDbDouble dynamoDb = new();
    private readonly UpdateOrderFunction function;

    public UpdateOrderFunctionTests()
    {
        function = new UpdateOrderFunction(dynamoDb.Client, "orders", new FunctionLog(TextWriter.Null, TimeProvider.System));
    }

    private void StoredOrder(Order? order) =>
        dynamoDb.Mock.Setup(db => db.GetItemAsync(It.Is<GetItemRequest>(r => r.TableName == "orders" && r.ConsistentRead == true), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new GetItemResponse
            {
                Item = order is null ? [] : new Dictionary<string, AttributeValue>
                {
                    ["order_id"] = new() { S = order.OrderId },
                    ["order_status"] = new() { S = OrderStatus.New },
                    ["customer_id"] = new() { S = order.CustomerId },
                    ["items"] = new() { L = [new AttributeValue { M = new() { ["item_id"] = new() { S = "item-1" }, ["qty"] = new() { N = "2" }, ["unit_price"] = new() { N = "4.25" } } }] },
                },
            });

    [Fact]
    public async Task Sets_the_saved_order_to_Pending_and_keeps_the_callers_extra_fields()
    {
        Order order = SampleOrders.Create() with { OrderStatus = OrderStatus.New, AdditionalFields = new() { ["error"] = System.Text.Json.JsonDocument.Parse("{\"Error\":\"ErrProcessOrder\"}").RootElement } };
        StoredOrder(order);

        Order result = await function.ProcessAsync(order, CancellationToken.None);

        Assert.Equal(OrderStatus.Pending, result.OrderStatus);
        Assert.True(result.AdditionalFields!.ContainsKey("error"));
        PutItemRequest put = Assert.Single(dynamoDb.Puts);
        Assert.Equal("Pending", put.Item["order_status"].S);
        Assert.Equal(order.OrderId, put.Item["order_id"].S);
        Assert.Equal("2", put.Item["items"].L[0].M["qty"].N);
    }

    [Fact]
    public async Task An_order_that_was_never_saved_has_nothing_to_set_back_and_is_voided_only_if_still_absent()
    {
        StoredOrder(null);
        Order order = SampleOrders.Create();

        Order result = await function.ProcessAsync(order, CancellationToken.None);

        Assert.Equal(order, result);
        PutItemRequest put = Assert.Single(dynamoDb.Puts);
        Assert.Equal("Void", put.Item["order_status"].S);
        Assert.Equal(order.OrderId, put.Item["order_id"].S);
        Assert.Equal("attribute_not_exists(order_id)", put.ConditionExpression);
    }

    [Fact]
    public async Task An_id_starting_with_11_fails_after_saving()
    {
        Order order = SampleOrders.Create(SampleOrders.NewId("11"));
        StoredOrder(order);

        await Assert.ThrowsAsync<ErrUpdateOrderStatus>(() => function.ProcessAsync(order, CancellationToken.None));

        Assert.Equal("Pending", Assert.Single(dynamoDb.Puts).Item["order_status"].S);
    }

    [Fact]
    public async Task An_id_starting_with_1_but_not_11_succeeds()
    {
        Order order = SampleOrders.Create(SampleOrders.NewId("12"));
        StoredOrder(order);

        Order result = await function.ProcessAsync(order, CancellationToken.None);

        Assert.Equal(OrderStatus.Pending, result.OrderStatus);
    }

    [Theory]
    [MemberData(nameof(SampleOrders.Invalid), MemberType = typeof(SampleOrders))]
    public async Task Bad_input_is_ErrUpdateOrderStatus_naming_the_field_and_touches_nothing(string field, Order order)
    {
        var error = await Assert.ThrowsAsync<ErrUpdateOrderStatus>(() => function.ProcessAsync(order, CancellationToken.None));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        dynamoDb.Mock.Verify(db => db.GetItemAsync(It.IsAny<GetItemRequest>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Empty(dynamoDb.Puts);
    }

    [Fact]
    public async Task Running_twice_leaves_the_same_record()
    {
        Order order = SampleOrders.Create();
        StoredOrder(order);

        await function.ProcessAsync(order, CancellationToken.None);
        await function.ProcessAsync(order, CancellationToken.None);

        Assert.Equal(dynamoDb.Puts[0].Item["order_id"].S, dynamoDb.Puts[1].Item["order_id"].S);
        Assert.Equal(dynamoDb.Puts[0].Item["order_status"].S, dynamoDb.Puts[1].Item["order_status"].S);
    }
}
