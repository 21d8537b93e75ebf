using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Payments;
using LongLivedTransactions.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LongLivedTransactions.Integration.Tests;

/// <summary>
/// A refund that runs moments after its debit, while the order index has not caught up (as a DynamoDB global
/// secondary index may lag): looking the debit up through the index misses it; reading it by its id does not.
/// </summary>
[Collection(DynaliteTests.Name)]
public class IndexLagTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task With_a_lagging_index_the_lookup_by_index_loses_the_refund_and_the_read_by_id_does_not()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var lagging = IndexLagDynamoDb.Wrap(dynalite.DynamoDb, TimeSpan.FromSeconds(1), clock);
        string table = dynalite.TableName(SagaTopology.Payments);
        var log = new FunctionLog(TextWriter.Null, clock);
        Order order = SampleOrders.Create();

        await new DebitPaymentFunction(lagging, table, clock, log).ProcessAsync(order, CancellationToken.None);

        // The old way: the compensation queried orderIDIndex for the debit, and finds nothing yet.
        var payments = new PaymentsTable(lagging, table);
        Assert.Null(await payments.FindAsync(order.OrderId!, PaymentType.Debit, CancellationToken.None));

        // The way the refund reads it now: by its deterministic id, strongly consistent.
        Order refunded = await new RefundPaymentFunction(lagging, table, clock, log).ProcessAsync(order, CancellationToken.None);

        Assert.Equal(-SampleOrders.Total, refunded.Payment!.PaymentAmount);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(SampleOrders.Total, (await payments.FindAsync(order.OrderId!, PaymentType.Debit, CancellationToken.None))!.PaymentAmount);
        Assert.Equal(-SampleOrders.Total, (await payments.FindAsync(order.OrderId!, PaymentType.Credit, CancellationToken.None))!.PaymentAmount);
    }
}
