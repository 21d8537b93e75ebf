using Amazon.DynamoDBv2.Model;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Identity;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;
using LongLivedTransactions.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LongLivedTransactions.Payments.Tests;

public class DebitPaymentFunctionTests
{
    private readonly DynamoDbDouble dynamoDb = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 9, 30, 0, TimeSpan.Zero));
    private readonly DebitPaymentFunction function;

    public DebitPaymentFunctionTests()
    {
        function = new DebitPaymentFunction(dynamoDb.Client, "payments", clock, new FunctionLog(TextWriter.Null, clock));
    }

    [Fact]
    public async Task Records_a_debit_of_the_order_total_and_attaches_it()
    {
        Order order = SampleOrders.Create();

        Order result = await function.ProcessAsync(order, CancellationToken.None);

        Payment debit = result.Payment!;
        Assert.Equal(PaymentType.Debit, debit.PaymentType);
        Assert.Equal(SampleOrders.Total, debit.PaymentAmount);
        Assert.Equal("merch1", debit.MerchantId);
        Assert.Equal(TransactionIds.For(order.OrderId!, "Debit"), debit.TransactionId);
        Assert.Equal("2026-11-26T09:30:00.0000000+00:00", debit.TransactionDate);

        PutItemRequest put = Assert.Single(dynamoDb.Puts);
        Assert.Equal("payments", put.TableName);
        Assert.Equal(debit.TransactionId, put.Item["transaction_id"].S);
        Assert.Equal(order.OrderId, put.Item["order_id"].S);
        Assert.Equal("Debit", put.Item["payment_type"].S);
        Assert.Equal(SampleOrders.Total, decimal.Parse(put.Item["payment_amount"].N, System.Globalization.CultureInfo.InvariantCulture));

        // A retry replaces its own debit; only a Void, left by a refund that ran first, refuses it.
        Assert.Equal("attribute_not_exists(transaction_id) OR payment_type <> :void", put.ConditionExpression);
        Assert.Equal("Void", put.ExpressionAttributeValues[":void"].S);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("22")]
    public async Task An_id_starting_with_2_fails_after_saving(string prefix)
    {
        Order order = SampleOrders.Create(SampleOrders.NewId(prefix));

        await Assert.ThrowsAsync<ErrProcessPayment>(() => function.ProcessAsync(order, CancellationToken.None));

        Assert.Equal("Debit", Assert.Single(dynamoDb.Puts).Item["payment_type"].S);
    }

    [Theory]
    [MemberData(nameof(SampleOrders.Invalid), MemberType = typeof(SampleOrders))]
    public async Task Bad_input_is_ErrProcessPayment_naming_the_field_and_writes_nothing(string field, Order order)
    {
        var error = await Assert.ThrowsAsync<ErrProcessPayment>(() => function.ProcessAsync(order, CancellationToken.None));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
        Assert.Empty(dynamoDb.Puts);
    }

    [Fact]
    public async Task Malformed_json_is_ErrProcessPayment_and_writes_nothing()
    {
        await Assert.ThrowsAsync<ErrProcessPayment>(() => function.HandleAsync(SampleOrders.AsStream("[1, 2")));
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
