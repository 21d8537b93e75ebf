using System.Globalization;
using Amazon.DynamoDBv2;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Functions;
using LongLivedTransactions.Core.Identity;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Inventory;

/// <summary>Forward step 3: reserves the order's items.</summary>
public sealed class ReserveInventoryFunction : ISagaFunction
{
    /// <summary>Orders whose id starts with this prefix fail after the reservation is saved, to show the release path.</summary>
    public const string FailurePrefix = "3";

    private readonly InventoryTable inventory;
    private readonly TimeProvider timeProvider;
    private readonly OrderStreamHandler streamHandler;

    /// <summary>Used by the Lambda runtime: table from <c>TABLE_NAME</c>, DynamoDB client from the environment.</summary>
    public ReserveInventoryFunction()
        : this(new AmazonDynamoDBClient(), FunctionEnvironment.TableName(), TimeProvider.System, FunctionLog.StandardOutput(TimeProvider.System))
    {
    }

    public ReserveInventoryFunction(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider timeProvider, FunctionLog log)
    {
        inventory = new InventoryTable(dynamoDb, tableName);
        this.timeProvider = timeProvider;
        streamHandler = new OrderStreamHandler(nameof(ReserveInventoryFunction), message => new ErrReserveInventory(message), log);
    }

    public Task<Stream> HandleAsync(Stream input) => streamHandler.HandleAsync(input, ProcessAsync);

    public async Task<Order> ProcessAsync(Order order, CancellationToken cancellationToken)
    {
        OrderValidator.EnsureValid(order, message => new ErrReserveInventory(message));
        string orderId = order.OrderId!;
        var reservation = new InventoryTransaction
        {
            TransactionId = TransactionIds.For(orderId, InventoryTransactionType.Reserve),
            OrderId = orderId,
            TransactionType = InventoryTransactionType.Reserve,
            Items = order.Items!.Select(item => item.ItemId!).ToList(),
            TransactionDate = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        };
        await inventory.PutAsync(reservation, cancellationToken).ConfigureAwait(false);

        if (orderId.StartsWith(FailurePrefix, StringComparison.Ordinal))
        {
            throw new ErrReserveInventory($"Reservation {reservation.TransactionId} of order {orderId} was saved but the reservation failed (ids starting with '{FailurePrefix}' fail on purpose).");
        }

        return order with { Inventory = reservation };
    }
}
