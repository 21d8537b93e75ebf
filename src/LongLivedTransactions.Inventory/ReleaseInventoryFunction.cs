using System.Globalization;
using Amazon.DynamoDBv2;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Functions;
using LongLivedTransactions.Core.Identity;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Inventory;

/// <summary>
/// Compensation of <see cref="ReserveInventoryFunction"/>: records a release of the order's reservation. An order
/// without a reservation has nothing to release: the compensation leaves a <see cref="InventoryTransactionType.Void"/>
/// under the reservation's id, so that a reservation attempt still running cannot save it afterwards, and succeeds.
/// </summary>
public sealed class ReleaseInventoryFunction : SagaFunction
{
    /// <summary>Orders whose id starts with this prefix fail after the release is saved, to show the notification path.</summary>
    public const string FailurePrefix = "33";

    private readonly InventoryTable inventory;
    private readonly TimeProvider timeProvider;

    /// <summary>Used by the Lambda runtime: table from <c>TABLE_NAME</c>, DynamoDB client from the environment.</summary>
    public ReleaseInventoryFunction()
        : this(new AmazonDynamoDBClient(FunctionEnvironment.DynamoDbConfig()), FunctionEnvironment.TableName(), TimeProvider.System, FunctionLog.StandardOutput(TimeProvider.System))
    {
    }

    public ReleaseInventoryFunction(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider timeProvider, FunctionLog log)
        : base(message => new ErrReleaseInventory(message), log)
    {
        inventory = new InventoryTable(dynamoDb, tableName);
        this.timeProvider = timeProvider;
    }

    protected override async Task<Order> ProcessValidOrderAsync(Order order, CancellationToken cancellationToken)
    {
        string orderId = order.OrderId!;

        // The reservation's id is deterministic, so a consistent read by key finds it however recently it was written.
        string reservationId = TransactionIds.For(orderId, InventoryTransactionType.Reserve);
        var tombstone = new InventoryTransaction
        {
            TransactionId = reservationId,
            OrderId = orderId,
            TransactionType = InventoryTransactionType.Void,
            Items = [],
            TransactionDate = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        };
        InventoryTransaction? reservation = await ForwardRecord.FindOrVoidAsync(
            () => inventory.GetAsync(reservationId, cancellationToken),
            () => inventory.PutVoidIfAbsentAsync(tombstone, cancellationToken),
            transaction => transaction.TransactionType == InventoryTransactionType.Void).ConfigureAwait(false);
        if (reservation is null)
        {
            // No reservation was saved, and none can be now: nothing to release.
            return order;
        }

        var release = new InventoryTransaction
        {
            TransactionId = TransactionIds.For(orderId, InventoryTransactionType.Release),
            OrderId = orderId,
            TransactionType = InventoryTransactionType.Release,
            Items = reservation.Items,
            TransactionDate = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        };
        await inventory.PutAsync(release, cancellationToken).ConfigureAwait(false);

        return FailureOnPurpose(orderId, FailurePrefix, $"Release {release.TransactionId} of order {orderId} was saved") is { } failure
            ? throw failure
            : order with { Inventory = release };
    }
}
