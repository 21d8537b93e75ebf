using Amazon.DynamoDBv2.Model;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Identity;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;
using LongLivedTransactions.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LongLivedTransactions.Inventory.Tests;

public class ReleaseInventoryFunctionTests
{
    private readonly DynamoDbDouble dynamoDb = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.Zero));
    private readonly ReleaseInventoryFunction function;

    public ReleaseInventoryFunctionTests()
    {
        function = new ReleaseInventoryFunction(dynamoDb.Client, "inventory", clock, new FunctionLog(TextWriter.Null, clock));
    }

    private void StoredReservation(string orderId, bool exists)
    {
        Dictionary<string, AttributeValue>? item = null;
        if (exists)
        {
            item = new()
            {
                ["transaction_id"] = new() { S = TransactionIds.For(orderId, "Reserve") },
                ["order_id"] = new() { S = orderId },
                ["transaction_type"] = new() { S = "Reserve" },
                ["items"] = new() { L = [new AttributeValue { S = "item-1" }, new AttributeValue { S = "item-2" }] },
                ["transaction_date"] = new() { S = "2026-11-26T09:00:00.0000000+00:00" },
            };
        }

        dynamoDb.GetItemReturns(item);
    }

    [Fact]
    public async Task Reads_the_reservation_by_its_id_consistently_and_records_a_release()
    {
        Order order = SampleOrders.Create();
        StoredReservation(order.OrderId!, exists: true);

        Order result = await function.ProcessAsync(order, CancellationToken.None);

        GetItemRequest get = Assert.Single(dynamoDb.Gets);
        Assert.Equal("inventory", get.TableName);
        Assert.True(get.ConsistentRead);
        Assert.Equal(TransactionIds.For(order.OrderId!, "Reserve"), get.Key["transaction_id"].S);
        Assert.Empty(dynamoDb.Queries);
        InventoryTransaction release = result.Inventory!;
        Assert.Equal(InventoryTransactionType.Release, release.TransactionType);
        Assert.Equal(TransactionIds.For(order.OrderId!, "Release"), release.TransactionId);
        Assert.Equal(["item-1", "item-2"], release.Items);
        Assert.Equal("Release", Assert.Single(dynamoDb.Puts).Item["transaction_type"].S);
    }

    [Fact]
    public async Task No_reservation_means_nothing_to_release_it_succeeds_and_voids_the_reservation_only_if_still_absent()
    {
        Order order = SampleOrders.Create();
        StoredReservation(order.OrderId!, exists: false);

        Order result = await function.ProcessAsync(order, CancellationToken.None);

        Assert.Equal(order, result);
        PutItemRequest put = Assert.Single(dynamoDb.Puts);
        Assert.Equal("Void", put.Item["transaction_type"].S);
        Assert.Equal(TransactionIds.For(order.OrderId!, "Reserve"), put.Item["transaction_id"].S);
        Assert.Equal("attribute_not_exists(transaction_id)", put.ConditionExpression);
    }

    [Fact]
    public async Task An_id_starting_with_33_fails_after_saving_the_release()
    {
        Order order = SampleOrders.Create(SampleOrders.NewId("33"));
        StoredReservation(order.OrderId!, exists: true);

        await Assert.ThrowsAsync<ErrReleaseInventory>(() => function.ProcessAsync(order, CancellationToken.None));

        Assert.Equal("Release", Assert.Single(dynamoDb.Puts).Item["transaction_type"].S);
    }

    [Theory]
    [MemberData(nameof(SampleOrders.Invalid), MemberType = typeof(SampleOrders))]
    public async Task Bad_input_is_ErrReleaseInventory_naming_the_field_and_touches_nothing(string field, Order order)
    {
        var error = await Assert.ThrowsAsync<ErrReleaseInventory>(() => function.ProcessAsync(order, CancellationToken.None));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.Empty(dynamoDb.Queries);
        Assert.Empty(dynamoDb.Puts);
    }

    [Fact]
    public async Task Running_twice_overwrites_the_same_release()
    {
        Order order = SampleOrders.Create();
        StoredReservation(order.OrderId!, exists: true);

        await function.ProcessAsync(order, CancellationToken.None);
        await function.ProcessAsync(order, CancellationToken.None);

        Assert.Equal(dynamoDb.Puts[0].Item["transaction_id"].S, dynamoDb.Puts[1].Item["transaction_id"].S);
    }
}
