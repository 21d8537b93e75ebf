using Amazon.DynamoDBv2.Model;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;
using LongLivedTransactions.Testing;

namespace LongLivedTransactions.Orders.Tests;

public class NewOrderFunctionTests
{
    private readonly DynamoDbDouble dynamoDb = new();
    private readonly NewOrderFunction function;

    public NewOrderFunctionTests()
    {
        function = new NewOrderFunction(dynamoDb.Client, "orders", new FunctionLog(TextWriter.Null, TimeProvider.System));
    }

    [Fact]
    public async Task Saves_the_order_as_New_and_returns_it()
    {
        Order order = SampleOrders.Create();

        Order result = await function.ProcessAsync(order, CancellationToken.None);

        Assert.Equal(OrderStatus.New, result.OrderStatus);
        PutItemRequest put = Assert.Single(dynamoDb.Puts);
        Assert.Equal("orders", put.TableName);
        Assert.Equal(order.OrderId, put.Item["order_id"].S);
        Assert.Equal("New", put.Item["order_status"].S);
        Assert.Equal(order.CustomerId, put.Item["customer_id"].S);
        Assert.Equal(2, put.Item["items"].L.Count);
        Assert.Equal("4.25", put.Item["items"].L[0].M["unit_price"].N);
    }

    [Fact]
    public async Task An_id_starting_with_1_fails_after_saving()
    {
        Order order = SampleOrders.Create(SampleOrders.NewId("1"));

        var error = await Assert.ThrowsAsync<ErrProcessOrder>(() => function.ProcessAsync(order, CancellationToken.None));

        Assert.Contains(order.OrderId!, error.Message, StringComparison.Ordinal);
        Assert.Single(dynamoDb.Puts);
    }

    [Theory]
    [MemberData(nameof(SampleOrders.Invalid), MemberType = typeof(SampleOrders))]
    public async Task Bad_input_is_ErrProcessOrder_naming_the_field_and_writes_nothing(string field, Order order)
    {
        var error = await Assert.ThrowsAsync<ErrProcessOrder>(() => function.ProcessAsync(order, CancellationToken.None));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.Empty(dynamoDb.Puts);
    }

    [Fact]
    public async Task Malformed_json_is_ErrProcessOrder_and_writes_nothing()
    {
        await Assert.ThrowsAsync<ErrProcessOrder>(() => function.HandleAsync(SampleOrders.AsStream("{\"order_id\": ")));
        Assert.Empty(dynamoDb.Puts);
    }

    [Fact]
    public async Task Running_twice_writes_the_same_record()
    {
        Order order = SampleOrders.Create();

        await function.ProcessAsync(order, CancellationToken.None);
        await function.ProcessAsync(order, CancellationToken.None);

        Assert.Equal(2, dynamoDb.Puts.Count);
        Assert.Equal(dynamoDb.Puts[0].Item["order_id"].S, dynamoDb.Puts[1].Item["order_id"].S);
        Assert.Equal(dynamoDb.Puts[0].Item["order_status"].S, dynamoDb.Puts[1].Item["order_status"].S);
    }
}
