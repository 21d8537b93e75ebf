using System.Globalization;
using Amazon.DynamoDBv2.Model;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Identity;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Payments;
using LongLivedTransactions.Testing;

namespace LongLivedTransactions.Integration.Tests;

/// <summary>
/// A forward step that outlives its state's timeout: the state machine has moved on and run the compensation, which
/// found nothing to undo; then the abandoned attempt writes. The compensation leaves a Void in the forward record's
/// place, and the forward step's conditional write refuses to replace it, so the failed saga stays undone.
/// </summary>
[Collection(DynaliteTests.Name)]
public class LateForwardStepTests(DynaliteFixture dynalite)
{
    private Task<List<Dictionary<string, AttributeValue>>> Records(TableDefinition table, string orderId) =>
        TableContents.ForOrderAsync(dynalite.DynamoDb, dynalite.TableName(table), orderId);

    [Fact]
    public async Task A_refund_before_its_debit_voids_it_and_the_late_debit_is_refused()
    {
        Order order = SampleOrders.Create();

        Assert.Equal(order, await dynalite.RefundPayment().ProcessAsync(order, CancellationToken.None));
        var late = await Assert.ThrowsAsync<ErrProcessPayment>(() => dynalite.DebitPayment().ProcessAsync(order, CancellationToken.None));
        Assert.Equal(order, await dynalite.RefundPayment().ProcessAsync(order, CancellationToken.None));

        Assert.Contains("voided", late.Message, StringComparison.Ordinal);
        var record = Assert.Single(await Records(SagaTopology.Payments, order.OrderId!));
        Assert.Equal("Void", record["payment_type"].S);
        Assert.Equal(TransactionIds.For(order.OrderId!, "Debit"), record["transaction_id"].S);
        Assert.Equal(0m, decimal.Parse(record["payment_amount"].N, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_release_before_its_reservation_voids_it_and_the_late_reservation_is_refused()
    {
        Order order = SampleOrders.Create();

        Assert.Equal(order, await dynalite.ReleaseInventory().ProcessAsync(order, CancellationToken.None));
        var late = await Assert.ThrowsAsync<ErrReserveInventory>(() => dynalite.ReserveInventory().ProcessAsync(order, CancellationToken.None));
        Assert.Equal(order, await dynalite.ReleaseInventory().ProcessAsync(order, CancellationToken.None));

        Assert.Contains("voided", late.Message, StringComparison.Ordinal);
        var record = Assert.Single(await Records(SagaTopology.Inventory, order.OrderId!));
        Assert.Equal("Void", record["transaction_type"].S);
        Assert.Equal(TransactionIds.For(order.OrderId!, "Reserve"), record["transaction_id"].S);
        Assert.Empty(record["items"].L);
    }

    [Fact]
    public async Task An_order_reset_before_the_order_was_saved_voids_it_and_the_late_order_is_refused()
    {
        Order order = SampleOrders.Create();

        Assert.Equal(order, await dynalite.UpdateOrder().ProcessAsync(order, CancellationToken.None));
        var late = await Assert.ThrowsAsync<ErrProcessOrder>(() => dynalite.NewOrder().ProcessAsync(order, CancellationToken.None));
        Assert.Equal(order, await dynalite.UpdateOrder().ProcessAsync(order, CancellationToken.None));

        Assert.Contains("voided", late.Message, StringComparison.Ordinal);
        Assert.Equal("Void", Assert.Single(await Records(SagaTopology.Orders, order.OrderId!))["order_status"].S);
    }

    [Fact]
    public async Task A_debit_saved_between_the_refunds_read_and_its_void_is_refunded()
    {
        Order order = SampleOrders.Create();
        var log = new FunctionLog(TextWriter.Null, TimeProvider.System);
        string table = dynalite.TableName(SagaTopology.Payments);

        // The refund reads no debit; the late debit lands; the refund's void then finds the id taken.
        var racing = BetweenReadAndWriteDynamoDb.Wrap(
            dynalite.DynamoDb, () => dynalite.DebitPayment().ProcessAsync(order, CancellationToken.None));
        Order refunded = await new RefundPaymentFunction(racing, table, TimeProvider.System, log).ProcessAsync(order, CancellationToken.None);

        Assert.Equal(-SampleOrders.Total, refunded.Payment!.PaymentAmount);
        var payments = await Records(SagaTopology.Payments, order.OrderId!);
        Assert.Equal(["Credit", "Debit"], payments.Select(p => p["payment_type"].S).Order(StringComparer.Ordinal));
        Assert.Equal(0m, payments.Sum(p => decimal.Parse(p["payment_amount"].N, CultureInfo.InvariantCulture)));
    }
}
