using Amazon.DynamoDBv2;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Functions;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Orders;

/// <summary>Compensation of <see cref="NewOrderFunction"/>: sets the saved order back to <c>Pending</c>.</summary>
public sealed class UpdateOrderFunction : ISagaFunction
{
    /// <summary>Orders whose id starts with this prefix fail the compensation too, to show the notification path.</summary>
    public const string FailurePrefix = "11";

    private readonly OrdersTable orders;
    private readonly OrderStreamHandler streamHandler;

    /// <summary>Used by the Lambda runtime: table from <c>TABLE_NAME</c>, DynamoDB client from the environment.</summary>
    public UpdateOrderFunction()
        : this(new AmazonDynamoDBClient(), FunctionEnvironment.TableName(), FunctionLog.StandardOutput(TimeProvider.System))
    {
    }

    public UpdateOrderFunction(IAmazonDynamoDB dynamoDb, string tableName, FunctionLog log)
    {
        orders = new OrdersTable(dynamoDb, tableName);
        streamHandler = new OrderStreamHandler(nameof(UpdateOrderFunction), message => new ErrUpdateOrderStatus(message), log);
    }

    public Task<Stream> HandleAsync(Stream input) => streamHandler.HandleAsync(input, ProcessAsync);

    public async Task<Order> ProcessAsync(Order order, CancellationToken cancellationToken)
    {
        OrderValidator.EnsureValid(order, message => new ErrUpdateOrderStatus(message));
        Order saved = await orders.GetAsync(order.OrderId!, cancellationToken).ConfigureAwait(false)
            ?? throw new ErrUpdateOrderStatus($"Order {order.OrderId} is not in the orders table, so its status cannot be updated.");

        Order pending = saved with { OrderStatus = OrderStatus.Pending };
        await orders.PutAsync(pending, cancellationToken).ConfigureAwait(false);

        if (pending.OrderId!.StartsWith(FailurePrefix, StringComparison.Ordinal))
        {
            throw new ErrUpdateOrderStatus($"Order {pending.OrderId} was set to Pending but the update failed (ids starting with '{FailurePrefix}' fail on purpose).");
        }

        // Return the caller's order (with whatever the state machine attached) carrying the new status.
        return order with { OrderStatus = OrderStatus.Pending };
    }
}
