using System.Globalization;
using Amazon.DynamoDBv2;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Functions;
using LongLivedTransactions.Core.Identity;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Payments;

/// <summary>Forward step 2: debits the order total.</summary>
public sealed class DebitPaymentFunction : SagaFunction
{
    /// <summary>Orders whose id starts with this prefix fail after the debit is saved, to show the refund path.</summary>
    public const string FailurePrefix = "2";

    /// <summary>The merchant every order of the sample pays.</summary>
    public const string MerchantId = "merch1";

    private readonly PaymentsTable payments;
    private readonly TimeProvider timeProvider;

    /// <summary>Used by the Lambda runtime: table from <c>TABLE_NAME</c>, DynamoDB client from the environment.</summary>
    public DebitPaymentFunction()
        : this(new AmazonDynamoDBClient(FunctionEnvironment.DynamoDbConfig()), FunctionEnvironment.TableName(), TimeProvider.System, FunctionLog.StandardOutput(TimeProvider.System))
    {
    }

    public DebitPaymentFunction(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider timeProvider, FunctionLog log)
        : base(message => new ErrProcessPayment(message), log)
    {
        payments = new PaymentsTable(dynamoDb, tableName);
        this.timeProvider = timeProvider;
    }

    protected override async Task<Order> ProcessValidOrderAsync(Order order, CancellationToken cancellationToken)
    {
        string orderId = order.OrderId!;
        var debit = new Payment
        {
            TransactionId = TransactionIds.For(orderId, PaymentType.Debit),
            OrderId = orderId,
            PaymentType = PaymentType.Debit,
            PaymentAmount = order.Total(),
            MerchantId = MerchantId,
            TransactionDate = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        };
        if (!await payments.PutUnlessVoidAsync(debit, cancellationToken).ConfigureAwait(false))
        {
            // The refund ran first (this attempt outlived its state's timeout) and voided the debit: charging now would
            // leave a failed order paid for.
            throw StepError($"Debit {debit.TransactionId} of order {orderId} was voided by its refund before it was saved; it is not saved.");
        }

        return FailureOnPurpose(orderId, FailurePrefix, $"Debit {debit.TransactionId} of order {orderId} was saved") is { } failure
            ? throw failure
            : order with { Payment = debit };
    }
}
