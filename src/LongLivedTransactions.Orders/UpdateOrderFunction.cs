using Amazon.DynamoDBv2;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Functions;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Orders;

/// <summary>
/// Compensation of <see cref="NewOrderFunction"/>: sets the saved order back to <c>Pending</c>. An order that was
/// never saved has nothing to set back: the compensation leaves it <see cref="OrderStatus.Void"/>, so that an attempt of
/// <see cref="NewOrderFunction"/> still running cannot save it afterwards, and succeeds.
/// </summary>
public sealed class UpdateOrderFunction : SagaFunction
{
    /// <summary>Orders whose id starts with this prefix fail the compensation too, to show the notification path.</summary>
    public const string FailurePrefix = "11";

    private readonly OrdersTable orders;

    /// <summary>Used by the Lambda runtime: table from <c>TABLE_NAME</c>, DynamoDB client from the environment.</summary>
    public UpdateOrderFunction()
        : this(new AmazonDynamoDBClient(FunctionEnvironment.DynamoDbConfig()), FunctionEnvironment.TableName(), FunctionLog.StandardOutput(TimeProvider.System))
    {
    }

    public UpdateOrderFunction(IAmazonDynamoDB dynamoDb, string tableName, FunctionLog log)
        : base(message => new ErrUpdateOrderStatus(message), log)
    {
        orders = new OrdersTable(dynamoDb, tableName);
    }

    protected override async Task<Order> ProcessValidOrderAsync(Order order, CancellationToken cancellationToken)
    {
        Order? saved = await ForwardRecord.FindOrVoidAsync(
            () => orders.GetAsync(order.OrderId!, cancellationToken),
            () => orders.PutVoidIfAbsentAsync(order with { OrderStatus = OrderStatus.Void }, cancellationToken),
            record => record.OrderStatus == OrderStatus.Void).ConfigureAwait(false);
        if (saved is null)
        {
            // The order was never saved, and cannot be now: nothing to set back.
            return order;
        }

        await orders.PutAsync(saved with { OrderStatus = OrderStatus.Pending }, cancellationToken).ConfigureAwait(false);

        // Return the caller's order (with whatever the state machine attached) carrying the new status.
        return FailureOnPurpose(order.OrderId!, FailurePrefix, $"Order {order.OrderId} was set to Pending") is { } failure
            ? throw failure
            : order with { OrderStatus = OrderStatus.Pending };
    }
}
