using System.Globalization;
using Amazon.DynamoDBv2;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Functions;
using LongLivedTransactions.Core.Identity;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Inventory;

/// <summary>Compensation of <see cref="ReserveInventoryFunction"/>: records a release of the order's reservation.</summary>
public sealed class ReleaseInventoryFunction : ISagaFunction
{
    /// <summary>Orders whose id starts with this prefix fail after the release is saved, to show the notification path.</summary>
    public const string FailurePrefix = "33";

    private readonly InventoryTable inventory;
    private readonly TimeProvider timeProvider;
    private readonly OrderStreamHandler streamHandler;

    /// <summary>Used by the Lambda runtime: table from <c>TABLE_NAME</c>, DynamoDB client from the environment.</summary>
    public ReleaseInventoryFunction()
        : this(new AmazonDynamoDBClient(), FunctionEnvironment.TableName(), TimeProvider.System, FunctionLog.StandardOutput(TimeProvider.System))
    {
    }

    public ReleaseInventoryFunction(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider timeProvider, FunctionLog log)
    {
        inventory = new InventoryTable(dynamoDb, tableName);
        this.timeProvider = timeProvider;
        streamHandler = new OrderStreamHandler(nameof(ReleaseInventoryFunction), message => new ErrReleaseInventory(message), log);
    }

    public Task<Stream> HandleAsync(Stream input) => streamHandler.HandleAsync(input, ProcessAsync);

    public async Task<Order> ProcessAsync(Order order, CancellationToken cancellationToken)
    {
        OrderValidator.EnsureValid(order, message => new ErrReleaseInventory(message));
        string orderId = order.OrderId!;
        InventoryTransaction reservation = await inventory.FindAsync(orderId, InventoryTransactionType.Reserve, cancellationToken).ConfigureAwait(false)
            ?? throw new ErrReleaseInventory($"Order {orderId} has no Reserve transaction to release.");

        var release = new InventoryTransaction
        {
            TransactionId = TransactionIds.For(orderId, InventoryTransactionType.Release),
            OrderId = orderId,
            TransactionType = InventoryTransactionType.Release,
            Items = reservation.Items,
            TransactionDate = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        };
        await inventory.PutAsync(release, cancellationToken).ConfigureAwait(false);

        if (orderId.StartsWith(FailurePrefix, StringComparison.Ordinal))
        {
            throw new ErrReleaseInventory($"Release {release.TransactionId} of order {orderId} was saved but the release failed (ids starting with '{FailurePrefix}' fail on purpose).");
        }

        return order with { Inventory = release };
    }
}
