using Amazon.DynamoDBv2;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Functions;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Orders;

/// <summary>Forward step 1: records the order with status <c>New</c>.</summary>
public sealed class NewOrderFunction : ISagaFunction
{
    /// <summary>Orders whose id starts with this prefix fail after saving, to show the compensation path.</summary>
    public const string FailurePrefix = "1";

    private readonly OrdersTable orders;
    private readonly OrderStreamHandler streamHandler;

    /// <summary>Used by the Lambda runtime: table from <c>TABLE_NAME</c>, DynamoDB client from the environment.</summary>
    public NewOrderFunction()
        : this(new AmazonDynamoDBClient(), FunctionEnvironment.TableName(), FunctionLog.StandardOutput(TimeProvider.System))
    {
    }

    public NewOrderFunction(IAmazonDynamoDB dynamoDb, string tableName, FunctionLog log)
    {
        orders = new OrdersTable(dynamoDb, tableName);
        streamHandler = new OrderStreamHandler(nameof(NewOrderFunction), message => new ErrProcessOrder(message), log);
    }

    public Task<Stream> HandleAsync(Stream input) => streamHandler.HandleAsync(input, ProcessAsync);

    public async Task<Order> ProcessAsync(Order order, CancellationToken cancellationToken)
    {
        OrderValidator.EnsureValid(order, message => new ErrProcessOrder(message));
        Order created = order with { OrderStatus = OrderStatus.New };
        await orders.PutAsync(created, cancellationToken).ConfigureAwait(false);

        if (created.OrderId!.StartsWith(FailurePrefix, StringComparison.Ordinal))
        {
            throw new ErrProcessOrder($"Order {created.OrderId} was saved but processing failed (ids starting with '{FailurePrefix}' fail on purpose).");
        }

        return created;
    }
}
