using Amazon.DynamoDBv2;
using LongLivedTransactions.Core.Functions;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Inventory;
using LongLivedTransactions.Orders;
using LongLivedTransactions.Payments;

namespace LongLivedTransactions.Local.Functions;

/// <summary>Builds the six saga functions of the topology, each on its own table, the way Lambda would configure them.</summary>
public static class SagaFunctionCatalog
{
    /// <param name="tableNames">Physical table name by logical table name (see <see cref="TableDefinition.LogicalName"/>).</param>
    public static IReadOnlyDictionary<string, ISagaFunction> Create(
        IAmazonDynamoDB dynamoDb, IReadOnlyDictionary<string, string> tableNames, TimeProvider timeProvider, FunctionLog log)
    {
        var functions = new Dictionary<string, ISagaFunction>(StringComparer.Ordinal);
        foreach (FunctionDefinition definition in SagaTopology.Functions)
        {
            string table = tableNames[definition.Table.LogicalName];
            functions[definition.Name] = definition.Name switch
            {
                "NewOrder" => new NewOrderFunction(dynamoDb, table, log),
                "UpdateOrder" => new UpdateOrderFunction(dynamoDb, table, log),
                "DebitPayment" => new DebitPaymentFunction(dynamoDb, table, timeProvider, log),
                "RefundPayment" => new RefundPaymentFunction(dynamoDb, table, timeProvider, log),
                "ReserveInventory" => new ReserveInventoryFunction(dynamoDb, table, timeProvider, log),
                "ReleaseInventory" => new ReleaseInventoryFunction(dynamoDb, table, timeProvider, log),
                _ => throw new InvalidOperationException($"The topology names a function the local host does not know: {definition.Name}."),
            };
        }

        return functions;
    }
}
