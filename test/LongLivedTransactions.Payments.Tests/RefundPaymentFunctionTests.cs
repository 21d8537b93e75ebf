using Amazon.DynamoDBv2.Model;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Identity;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;
using LongLivedTransactions.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LongLivedTransactions.Payments.Tests;

public class RefundPaymentFunctionTests
{
    private readonly DynamoDbDouble dynamoDb = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.Zero));
    private readonly RefundPaymentFunction function;

    public RefundPaymentFunctionTests()
    {
        function = new RefundPaymentFunction(dynamoDb.Client, "payments", clock, new FunctionLog(TextWriter.Null, clock));
    }

    private void StoredDebit(string orderId, decimal? amount)
    {
        Dictionary<string, AttributeValue>? item = null;
        if (amount is { } value)
        {
            item = new()
            {
                ["transaction_id"] = new() { S = TransactionIds.For(orderId, "Debit") },
                ["order_id"] = new() { S = orderId },
                ["payment_type"] = new() { S = "Debit" },
                ["payment_amount"] = new() { N = value.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                ["merchant_id"] = new() { S = "merch1" },
                ["transaction_date"] = new() { S = "2026-11-26T09:00:00.0000000+00:00" },
            };
        }

        dynamoDb.GetItemReturns(item);
    }

    [Fact]
    public async Task Reads_the_debit_by_its_id_consistently_and_records_the_negated_credit()
    {
        Order order = SampleOrders.Create();
        StoredDebit(order.OrderId!, 98.5m);

        Order result = await function.ProcessAsync(order, CancellationToken.None);

        GetItemRequest get = Assert.Single(dynamoDb.Gets);
        Assert.Equal("payments", get.TableName);
        Assert.True(get.ConsistentRead);
        Assert.Equal(TransactionIds.For(order.OrderId!, "Debit"), get.Key["transaction_id"].S);
        Assert.Empty(dynamoDb.Queries);

        Payment credit = result.Payment!;
        Assert.Equal(PaymentType.Credit, credit.PaymentType);
        Assert.Equal(-98.5m, credit.PaymentAmount);
        Assert.Equal(TransactionIds.For(order.OrderId!, "Credit"), credit.TransactionId);
        PutItemRequest put = Assert.Single(dynamoDb.Puts);
        Assert.Equal("-98.5", put.Item["payment_amount"].N);
        Assert.Equal("Credit", put.Item["payment_type"].S);
    }

    [Fact]
    public async Task No_debit_means_nothing_to_refund_it_succeeds_and_voids_the_debit_only_if_still_absent()
    {
        Order order = SampleOrders.Create();
        StoredDebit(order.OrderId!, amount: null);

        Order result = await function.ProcessAsync(order, CancellationToken.None);

        Assert.Equal(order, result);
        PutItemRequest put = Assert.Single(dynamoDb.Puts);
        Assert.Equal("Void", put.Item["payment_type"].S);
        Assert.Equal("0", put.Item["payment_amount"].N);
        Assert.Equal(TransactionIds.For(order.OrderId!, "Debit"), put.Item["transaction_id"].S);
        Assert.Equal("attribute_not_exists(transaction_id)", put.ConditionExpression);
    }

    [Fact]
    public async Task An_id_starting_with_22_fails_after_saving_the_credit()
    {
        Order order = SampleOrders.Create(SampleOrders.NewId("22"));
        StoredDebit(order.OrderId!, 10m);

        await Assert.ThrowsAsync<ErrProcessRefund>(() => function.ProcessAsync(order, CancellationToken.None));

        Assert.Equal("Credit", Assert.Single(dynamoDb.Puts).Item["payment_type"].S);
    }

    [Fact]
    public async Task An_id_starting_with_2_but_not_22_is_refunded()
    {
        Order order = SampleOrders.Create(SampleOrders.NewId("20"));
        StoredDebit(order.OrderId!, 10m);

        Order result = await function.ProcessAsync(order, CancellationToken.None);

        Assert.Equal(-10m, result.Payment!.PaymentAmount);
    }

    [Theory]
    [MemberData(nameof(SampleOrders.Invalid), MemberType = typeof(SampleOrders))]
    public async Task Bad_input_is_ErrProcessRefund_naming_the_field_and_touches_nothing(string field, Order order)
    {
        var error = await Assert.ThrowsAsync<ErrProcessRefund>(() => function.ProcessAsync(order, CancellationToken.None));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.Empty(dynamoDb.Queries);
        Assert.Empty(dynamoDb.Puts);
    }

    [Fact]
    public async Task Running_twice_overwrites_the_same_credit()
    {
        Order order = SampleOrders.Create();
        StoredDebit(order.OrderId!, 5m);

        await function.ProcessAsync(order, CancellationToken.None);
        await function.ProcessAsync(order, CancellationToken.None);

        Assert.Equal(dynamoDb.Puts[0].Item["transaction_id"].S, dynamoDb.Puts[1].Item["transaction_id"].S);
    }
}
