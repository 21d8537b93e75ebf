using Amazon.DynamoDBv2.Model;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Identity;
using LongLivedTransactions.Core.Model;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Testing;

namespace LongLivedTransactions.Integration.Tests;

[Collection(DynaliteTests.Name)]
public class SagaFunctionsTests(DynaliteFixture dynalite)
{
    private Task<List<Dictionary<string, AttributeValue>>> Records(TableDefinition table, string orderId) =>
        TableContents.ForOrderAsync(dynalite.DynamoDb, dynalite.TableName(table), orderId);

    [Fact]
    public async Task NewOrder_stores_the_order_as_New()
    {
        Order order = SampleOrders.Create();

        await dynalite.NewOrder().ProcessAsync(order, CancellationToken.None);

        var record = Assert.Single(await Records(SagaTopology.Orders, order.OrderId!));
        Assert.Equal("New", record["order_status"].S);
        Assert.Equal(order.CustomerId, record["customer_id"].S);
        Assert.Equal(order.OrderDate, record["order_date"].S);
        Assert.Equal(2, record["items"].L.Count);
    }

    [Fact]
    public async Task UpdateOrder_finds_the_order_NewOrder_saved_and_sets_it_Pending()
    {
        Order order = SampleOrders.Create(SampleOrders.NewId("1"));
        await Assert.ThrowsAsync<ErrProcessOrder>(() => dynalite.NewOrder().ProcessAsync(order, CancellationToken.None));

        Order result = await dynalite.UpdateOrder().ProcessAsync(order, CancellationToken.None);

        Assert.Equal("Pending", result.OrderStatus);
        Assert.Equal("Pending", Assert.Single(await Records(SagaTopology.Orders, order.OrderId!))["order_status"].S);
    }

    [Fact]
    public async Task RefundPayment_finds_the_debit_through_the_index_and_the_two_sum_to_zero()
    {
        Order order = SampleOrders.Create(SampleOrders.NewId("2"));
        await Assert.ThrowsAsync<ErrProcessPayment>(() => dynalite.DebitPayment().ProcessAsync(order, CancellationToken.None));

        Order refunded = await dynalite.RefundPayment().ProcessAsync(order, CancellationToken.None);

        var payments = await Records(SagaTopology.Payments, order.OrderId!);
        Assert.Equal(2, payments.Count);
        Assert.Equal(["Credit", "Debit"], payments.Select(p => p["payment_type"].S).Order(StringComparer.Ordinal));
        Assert.Equal(0m, payments.Sum(p => decimal.Parse(p["payment_amount"].N, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(TransactionIds.For(order.OrderId!, "Credit"), refunded.Payment!.TransactionId);
        Assert.Equal(-SampleOrders.Total, refunded.Payment.PaymentAmount);
    }

    [Fact]
    public async Task ReleaseInventory_finds_the_reservation_through_the_index()
    {
        Order order = SampleOrders.Create(SampleOrders.NewId("3"));
        await Assert.ThrowsAsync<ErrReserveInventory>(() => dynalite.ReserveInventory().ProcessAsync(order, CancellationToken.None));

        Order released = await dynalite.ReleaseInventory().ProcessAsync(order, CancellationToken.None);

        var transactions = await Records(SagaTopology.Inventory, order.OrderId!);
        Assert.Equal(["Release", "Reserve"], transactions.Select(t => t["transaction_type"].S).Order(StringComparer.Ordinal));
        Assert.All(transactions, t => Assert.Equal(["item-1", "item-2"], t["items"].L.Select(v => v.S)));
        Assert.Equal("Release", released.Inventory!.TransactionType);
    }

    [Fact]
    public async Task Each_function_run_twice_leaves_one_record()
    {
        Order order = SampleOrders.Create();
        for (int run = 0; run < 2; run++)
        {
            await dynalite.NewOrder().ProcessAsync(order, CancellationToken.None);
            await dynalite.DebitPayment().ProcessAsync(order, CancellationToken.None);
            await dynalite.ReserveInventory().ProcessAsync(order, CancellationToken.None);
            await dynalite.ReleaseInventory().ProcessAsync(order, CancellationToken.None);
            await dynalite.RefundPayment().ProcessAsync(order, CancellationToken.None);
            await dynalite.UpdateOrder().ProcessAsync(order, CancellationToken.None);
        }

        Assert.Single(await Records(SagaTopology.Orders, order.OrderId!));
        Assert.Equal(2, (await Records(SagaTopology.Payments, order.OrderId!)).Count);
        Assert.Equal(2, (await Records(SagaTopology.Inventory, order.OrderId!)).Count);
    }

    [Fact]
    public async Task Bad_input_writes_nothing_in_any_table()
    {
        Order order = SampleOrders.Create() with { Items = [new OrderItem { ItemId = "x", Quantity = 0, UnitPrice = 1 }] };

        await Assert.ThrowsAsync<ErrProcessOrder>(() => dynalite.NewOrder().ProcessAsync(order, CancellationToken.None));
        await Assert.ThrowsAsync<ErrProcessPayment>(() => dynalite.DebitPayment().ProcessAsync(order, CancellationToken.None));
        await Assert.ThrowsAsync<ErrReserveInventory>(() => dynalite.ReserveInventory().ProcessAsync(order, CancellationToken.None));

        Assert.Empty(await Records(SagaTopology.Orders, order.OrderId!));
        Assert.Empty(await Records(SagaTopology.Payments, order.OrderId!));
        Assert.Empty(await Records(SagaTopology.Inventory, order.OrderId!));
    }

    [Fact]
    public async Task Fifty_orders_in_parallel_each_leave_their_own_records()
    {
        Order[] orders = Enumerable.Range(0, 50).Select(_ => SampleOrders.Create()).ToArray();

        await Task.WhenAll(orders.Select(async order =>
        {
            Order created = await dynalite.NewOrder().ProcessAsync(order, CancellationToken.None);
            Order paid = await dynalite.DebitPayment().ProcessAsync(created, CancellationToken.None);
            Order reserved = await dynalite.ReserveInventory().ProcessAsync(paid, CancellationToken.None);
            await dynalite.ReleaseInventory().ProcessAsync(reserved, CancellationToken.None);
            await dynalite.RefundPayment().ProcessAsync(reserved, CancellationToken.None);
        }));

        foreach (Order order in orders)
        {
            Assert.Equal("New", Assert.Single(await Records(SagaTopology.Orders, order.OrderId!))["order_status"].S);
            var payments = await Records(SagaTopology.Payments, order.OrderId!);
            Assert.Equal(0m, payments.Sum(p => decimal.Parse(p["payment_amount"].N, System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(2, payments.Count);
            Assert.Equal(2, (await Records(SagaTopology.Inventory, order.OrderId!)).Count);
        }
    }
}
