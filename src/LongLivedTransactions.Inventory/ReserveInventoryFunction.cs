using System.Globalization;
using Amazon.DynamoDBv2;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Functions;
using LongLivedTransactions.Core.Identity;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Inventory;

/// <summary>Forward step 3: reserves the order's items.</summary>
public sealed class ReserveInventoryFunction : SagaFunction
{
    /// <summary>Orders whose id starts with this prefix fail after the reservation is saved, to show the release path.</summary>
    public const string FailurePrefix = "3";

    private readonly InventoryTable inventory;
    private readonly TimeProvider timeProvider;

    /// <summary>Used by the Lambda runtime: table from <c>TABLE_NAME</c>, DynamoDB client from the environment.</summary>
    public ReserveInventoryFunction()
        : this(new AmazonDynamoDBClient(FunctionEnvironment.DynamoDbConfig()), FunctionEnvironment.TableName(), TimeProvider.System, FunctionLog.StandardOutput(TimeProvider.System))
    {
    }

    public ReserveInventoryFunction(IAmazonDynamoDB dynamoDb, string tableName, TimeProvider timeProvider, FunctionLog log)
        : base(message => new ErrReserveInventory(message), log)
    {
        inventory = new InventoryTable(dynamoDb, tableName);
        this.timeProvider = timeProvider;
    }

    protected override async Task<Order> ProcessValidOrderAsync(Order order, CancellationToken cancellationToken)
    {
        string orderId = order.OrderId!;
        var reservation = new InventoryTransaction
        {
            TransactionId = TransactionIds.For(orderId, InventoryTransactionType.Reserve),
            OrderId = orderId,
            TransactionType = InventoryTransactionType.Reserve,
            Items = order.Items!.Select(item => item.ItemId!).ToList(),
            TransactionDate = timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture),
        };
        if (!await inventory.PutUnlessVoidAsync(reservation, cancellationToken).ConfigureAwait(false))
        {
            // The release ran first (this attempt outlived its state's timeout) and voided the reservation: holding the
            // items now would keep them from other orders for a failed one.
            throw StepError($"Reservation {reservation.TransactionId} of order {orderId} was voided by its release before it was saved; it is not saved.");
        }

        return FailureOnPurpose(orderId, FailurePrefix, $"Reservation {reservation.TransactionId} of order {orderId} was saved") is { } failure
            ? throw failure
            : order with { Inventory = reservation };
    }
}
