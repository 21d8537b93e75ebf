using System.Globalization;
using Amazon.DynamoDBv2;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Functions;
using LongLivedTransactions.Core.Identity;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Payments;

/// <summary>Compensation of <see cref="DebitPaymentFunction"/>: records a credit that cancels the order's debit.</summary>
public sealed class RefundPaymentFunction : ISagaFunction
{
    /// <summary>Orders whose id starts with this prefix fail after the credit is saved, to show the notification path.</summary>
    public const string FailurePrefix = "22";

    private readonly PaymentsTable payments;
    private readonly TimeProvider timeProvider;
    private readonly OrderStreamHandler streamHandler;

    /// <summary>Used by the Lambda runtime: table from <c>TABLE_NAME</c>, DynamoDB client from the environment.</summary>
    public RefundPaymentFunction()
        : this(new AmazonDynamoDBClient(), FunctionEnvironment.TableName(), TimeProvider.System, FunctionLog.StandardOutput(TimeProvider.System))
    {
    }

    public RefundPaymentFunction(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider timeProvider, FunctionLog log)
    {
        payments = new PaymentsTable(dynamoDb, tableName);
        this.timeProvider = timeProvider;
        streamHandler = new OrderStreamHandler(nameof(RefundPaymentFunction), message => new ErrProcessRefund(message), log);
    }

    public Task<Stream> HandleAsync(Stream input) => streamHandler.HandleAsync(input, ProcessAsync);

    public async Task<Order> ProcessAsync(Order order, CancellationToken cancellationToken)
    {
        OrderValidator.EnsureValid(order, message => new ErrProcessRefund(message));
        string orderId = order.OrderId!;
        Payment debit = await payments.FindAsync(orderId, PaymentType.Debit, cancellationToken).ConfigureAwait(false)
            ?? throw new ErrProcessRefund($"Order {orderId} has no Debit payment to refund.");

        var credit = new Payment
        {
            TransactionId = TransactionIds.For(orderId, PaymentType.Credit),
            OrderId = orderId,
            PaymentType = PaymentType.Credit,
            PaymentAmount = -debit.PaymentAmount,
            MerchantId = debit.MerchantId,
            TransactionDate = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        };
        await payments.PutAsync(credit, cancellationToken).ConfigureAwait(false);

        if (orderId.StartsWith(FailurePrefix, StringComparison.Ordinal))
        {
            throw new ErrProcessRefund($"Credit {credit.TransactionId} of order {orderId} was saved but the refund failed (ids starting with '{FailurePrefix}' fail on purpose).");
        }

        return order with { Payment = credit };
    }
}
