using System.Globalization;
using Amazon.DynamoDBv2;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Functions;
using LongLivedTransactions.Core.Identity;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Payments;

/// <summary>
/// Compensation of <see cref="DebitPaymentFunction"/>: records a credit that cancels the order's debit. An order
/// without a debit has nothing to refund: the compensation leaves a <see cref="PaymentType.Void"/> under the debit's id,
/// so that a debit attempt still running cannot save it afterwards, and succeeds.
/// </summary>
public sealed class RefundPaymentFunction : SagaFunction
{
    /// <summary>Orders whose id starts with this prefix fail after the credit is saved, to show the notification path.</summary>
    public const string FailurePrefix = "22";

    private readonly PaymentsTable payments;
    private readonly TimeProvider timeProvider;

    /// <summary>Used by the Lambda runtime: table from <c>TABLE_NAME</c>, DynamoDB client from the environment.</summary>
    public RefundPaymentFunction()
        : this(new AmazonDynamoDBClient(FunctionEnvironment.DynamoDbConfig()), FunctionEnvironment.TableName(), TimeProvider.System, FunctionLog.StandardOutput(TimeProvider.System))
    {
    }

    public RefundPaymentFunction(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider timeProvider, FunctionLog log)
        : base(message => new ErrProcessRefund(message), log)
    {
        payments = new PaymentsTable(dynamoDb, tableName);
        this.timeProvider = timeProvider;
    }

    protected override async Task<Order> ProcessValidOrderAsync(Order order, CancellationToken cancellationToken)
    {
        string orderId = order.OrderId!;

        // The debit's id is deterministic, so a consistent read by key finds it however recently it was written.
        string debitId = TransactionIds.For(orderId, PaymentType.Debit);
        var tombstone = new Payment
        {
            TransactionId = debitId,
            OrderId = orderId,
            PaymentType = PaymentType.Void,
            PaymentAmount = 0m,
            MerchantId = DebitPaymentFunction.MerchantId,
            TransactionDate = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        };
        Payment? debit = await ForwardRecord.FindOrVoidAsync(
            () => payments.GetAsync(debitId, cancellationToken),
            () => payments.PutVoidIfAbsentAsync(tombstone, cancellationToken),
            payment => payment.PaymentType == PaymentType.Void).ConfigureAwait(false);
        if (debit is null)
        {
            // No debit was saved, and none can be now: nothing to refund.
            return order;
        }

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

        return FailureOnPurpose(orderId, FailurePrefix, $"Credit {credit.TransactionId} of order {orderId} was saved") is { } failure
            ? throw failure
            : order with { Payment = credit };
    }
}
