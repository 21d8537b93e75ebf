using Amazon.DynamoDBv2;
using LongLivedTransactions.Core.Model;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Inventory;
using LongLivedTransactions.Orders;
using LongLivedTransactions.Payments;

namespace LongLivedTransactions.Local.Workflow;

/// <summary>What a saga execution left in the three tables for one order.</summary>
public sealed record SagaRecords(string? OrderStatus, IReadOnlyList<Payment> Payments, IReadOnlyList<InventoryTransaction> InventoryTransactions)
{
    /// <summary>Reads the order's status, payments and inventory transactions with the services' own table classes.</summary>
    public static async Task<SagaRecords> ReadAsync(
        IAmazonDynamoDB dynamoDb, IReadOnlyDictionary<string, string> tableNames, string orderId, CancellationToken cancellationToken)
    {
        var orders = new OrdersTable(dynamoDb, tableNames[SagaTopology.Orders.LogicalName]);
        var payments = new PaymentsTable(dynamoDb, tableNames[SagaTopology.Payments.LogicalName]);
        var inventory = new InventoryTable(dynamoDb, tableNames[SagaTopology.Inventory.LogicalName]);

        Order? order = await orders.GetAsync(orderId, cancellationToken).ConfigureAwait(false);
        var paymentRecords = new List<Payment>();
        foreach (string type in new[] { PaymentType.Debit, PaymentType.Credit })
        {
            if (await payments.FindAsync(orderId, type, cancellationToken).ConfigureAwait(false) is { } payment)
            {
                paymentRecords.Add(payment);
            }
        }

        var inventoryRecords = new List<InventoryTransaction>();
        foreach (string type in new[] { InventoryTransactionType.Reserve, InventoryTransactionType.Release })
        {
            if (await inventory.FindAsync(orderId, type, cancellationToken).ConfigureAwait(false) is { } transaction)
            {
                inventoryRecords.Add(transaction);
            }
        }

        return new SagaRecords(order?.OrderStatus, paymentRecords, inventoryRecords);
    }
}
