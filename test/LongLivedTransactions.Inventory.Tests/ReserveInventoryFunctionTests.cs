using Amazon.DynamoDBv2.Model;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Identity;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;
using LongLivedTransactions.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LongLivedTransactions.Inventory.Tests;

public class ReserveInventoryFunctionTests
{
    private readonly DynamoDbDouble dynamoDb = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.Zero));
    private readonly ReserveInventoryFunction function;

    public ReserveInventoryFunctionTests()
    {
        function = new ReserveInventoryFunction(dynamoDb.Client, "inventory", clock, new FunctionLog(TextWriter.Null, clock));
    }

    [Fact]
    public async Task Records_a_reservation_listing_the_item_ids_and_attaches_it()
    {
        Order order = SampleOrders.Create();

        Order result = await function.ProcessAsync(order, CancellationToken.None);

        InventoryTransaction reservation = result.Inventory!;
        Assert.Equal(InventoryTransactionType.Reserve, reservation.TransactionType);
        Assert.Equal(["item-1", "item-2"], reservation.Items);
        Assert.Equal(TransactionIds.For(order.OrderId!, "Reserve"), reservation.TransactionId);
        PutItemRequest put = Assert.Single(dynamoDb.Puts);
        Assert.Equal("inventory", put.TableName);
        Assert.Equal("Reserve", put.Item["transaction_type"].S);
        Assert.Equal(order.OrderId, put.Item["order_id"].S);
        Assert.Equal(["item-1", "item-2"], put.Item["items"].L.Select(value => value.S));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("33")]
    public async Task An_id_starting_with_3_fails_after_saving(string prefix)
    {
        Order order = SampleOrders.Create(SampleOrders.NewId(prefix));

        await Assert.ThrowsAsync<ErrReserveInventory>(() => function.ProcessAsync(order, CancellationToken.None));

        Assert.Equal("Reserve", Assert.Single(dynamoDb.Puts).Item["transaction_type"].S);
    }

    [Theory]
    [MemberData(nameof(SampleOrders.Invalid), MemberType = typeof(SampleOrders))]
    public async Task Bad_input_is_ErrReserveInventory_naming_the_field_and_writes_nothing(string field, Order order)
    {
        var error = await Assert.ThrowsAsync<ErrReserveInventory>(() => function.ProcessAsync(order, CancellationToken.None));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.Empty(dynamoDb.Puts);
    }

    [Fact]
    public async Task Malformed_json_is_ErrReserveInventory_and_writes_nothing()
    {
        await Assert.ThrowsAsync<ErrReserveInventory>(() => function.HandleAsync(SampleOrders.AsStream("{\"items\": {}}")));
        Assert.Empty(dynamoDb.Puts);
    }

    [Fact]
    public async Task Running_twice_overwrites_the_same_transaction()
    {
        Order order = SampleOrders.Create();

        await function.ProcessAsync(order, CancellationToken.None);
        await function.ProcessAsync(order, CancellationToken.None);

        Assert.Equal(dynamoDb.Puts[0].Item["transaction_id"].S, dynamoDb.Puts[1].Item["transaction_id"].S);
    }
}
