using Amazon.DynamoDBv2;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Functions;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Orders;

/// <summary>Forward step 1: records the order with status <c>New</c>.</summary>
public sealed class NewOrderFunction : SagaFunction
{
    /// <summary>Orders whose id starts with this prefix fail after saving, to show the compensation path.</summary>
    public const string FailurePrefix = "1";

    private readonly OrdersTable orders;

    /// <summary>Used by the Lambda runtime: table from <c>TABLE_NAME</c>, DynamoDB client from the environment.</summary>
    public NewOrderFunction()
        : this(new AmazonDynamoDBClient(FunctionEnvironment.DynamoDbConfig()), FunctionEnvironment.TableName(), FunctionLog.StandardOutput(TimeProvider.System))
    {
    }

    public NewOrderFunction(IAmazonDynamoDB dynamoDb, string tableName, FunctionLog log)
        : base(message => new ErrProcessOrder(message), log)
    {
        orders = new OrdersTable(dynamoDb, tableName);
    }

    protected override async Task<Order> ProcessValidOrderAsync(Order order, CancellationToken cancellationToken)
    {
        Order created = order with { OrderStatus = OrderStatus.New };
        if (!await orders.PutUnlessVoidAsync(created, cancellationToken).ConfigureAwait(false))
        {
            // The compensation ran first (this attempt outlived its state's timeout) and voided the order.
            throw StepError($"Order {created.OrderId} was voided by its compensation before it was saved; it is not saved.");
        }

        return FailureOnPurpose(created.OrderId!, FailurePrefix, $"Order {created.OrderId} was saved") is { } failure
            ? throw failure
            : created;
    }
}
