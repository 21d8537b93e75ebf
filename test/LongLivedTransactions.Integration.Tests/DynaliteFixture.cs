using Amazon.DynamoDBv2;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Inventory;
using LongLivedTransactions.Local;
using LongLivedTransactions.Local.DynamoDb;
using LongLivedTransactions.Orders;
using LongLivedTransactions.Payments;

namespace LongLivedTransactions.Integration.Tests;

/// <summary>One dynalite server on a free loopback port, with the saga tables created from the shared topology.</summary>
public sealed class DynaliteFixture : IAsyncLifetime
{
    private DynaliteServer? server;
    private IReadOnlyDictionary<string, string> tableNames = new Dictionary<string, string>();

    public IAmazonDynamoDB DynamoDb { get; private set; } = null!;

    public string TableName(TableDefinition table) => tableNames[table.LogicalName];

    public async Task InitializeAsync()
    {
        server = await DynaliteServer.StartAsync(RepositoryRoot.Find());
        DynamoDb = LocalDynamoDbClient.Create(server.ServiceUrl);
        tableNames = await new TableProvisioner(DynamoDb).CreateAllAsync("it-", CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        DynamoDb?.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    public NewOrderFunction NewOrder() => new(DynamoDb, TableName(SagaTopology.Orders), Log());

    public UpdateOrderFunction UpdateOrder() => new(DynamoDb, TableName(SagaTopology.Orders), Log());

    public DebitPaymentFunction DebitPayment() => new(DynamoDb, TableName(SagaTopology.Payments), TimeProvider.System, Log());

    public RefundPaymentFunction RefundPayment() => new(DynamoDb, TableName(SagaTopology.Payments), TimeProvider.System, Log());

    public ReserveInventoryFunction ReserveInventory() => new(DynamoDb, TableName(SagaTopology.Inventory), TimeProvider.System, Log());

    public ReleaseInventoryFunction ReleaseInventory() => new(DynamoDb, TableName(SagaTopology.Inventory), TimeProvider.System, Log());

    private static FunctionLog Log() => new(TextWriter.Null, TimeProvider.System);
}

[CollectionDefinition(Name)]
public sealed class DynaliteTests : ICollectionFixture<DynaliteFixture>
{
    public const string Name = "dynalite";
}
