namespace LongLivedTransactions.Core.Topology;

/// <summary>
/// The single source of truth for the saga's tables and functions. The CDK stack deploys exactly this,
/// and the local host creates the same tables and hosts the same handlers.
/// </summary>
public static class SagaTopology
{
    /// <summary>Environment variable through which every function learns its table name.</summary>
    public const string TableNameVariable = "TABLE_NAME";

    /// <summary>The index, on payments and inventory, that compensations use to find what the forward step wrote.</summary>
    public const string OrderIndexName = "orderIDIndex";

    /// <summary>Placeholder for the SNS topic that receives saga outcomes.</summary>
    public const string TopicArnPlaceholder = "SagaTopicArn";

    public static readonly TableDefinition Orders = new("Orders", "order_id", OrderIndex: null);

    public static readonly TableDefinition Payments =
        new("Payments", "transaction_id", new IndexDefinition(OrderIndexName, "order_id", "payment_type"));

    public static readonly TableDefinition Inventory =
        new("Inventory", "transaction_id", new IndexDefinition(OrderIndexName, "order_id", "transaction_type"));

    public static IReadOnlyList<TableDefinition> Tables { get; } = [Orders, Payments, Inventory];

    public static IReadOnlyList<FunctionDefinition> Functions { get; } =
    [
        new("NewOrder", "LongLivedTransactions.Orders", "LongLivedTransactions.Orders.NewOrderFunction", Orders, "NewOrderFunctionArn"),
        new("UpdateOrder", "LongLivedTransactions.Orders", "LongLivedTransactions.Orders.UpdateOrderFunction", Orders, "UpdateOrderFunctionArn"),
        new("DebitPayment", "LongLivedTransactions.Payments", "LongLivedTransactions.Payments.DebitPaymentFunction", Payments, "DebitPaymentFunctionArn"),
        new("RefundPayment", "LongLivedTransactions.Payments", "LongLivedTransactions.Payments.RefundPaymentFunction", Payments, "RefundPaymentFunctionArn"),
        new("ReserveInventory", "LongLivedTransactions.Inventory", "LongLivedTransactions.Inventory.ReserveInventoryFunction", Inventory, "ReserveInventoryFunctionArn"),
        new("ReleaseInventory", "LongLivedTransactions.Inventory", "LongLivedTransactions.Inventory.ReleaseInventoryFunction", Inventory, "ReleaseInventoryFunctionArn"),
    ];

    /// <summary>The service projects, each published once and shared by its two functions.</summary>
    public static IReadOnlyList<string> ServiceProjects { get; } = Functions.Select(f => f.Project).Distinct().ToArray();

    /// <summary>Path of the saga definition (the JSONPath flavour, the default), relative to the repository root.</summary>
    public const string StateMachineDefinitionPath = "statemachine/saga.asl.json";

    /// <summary>Path of the JSONata flavour of the saga definition, relative to the repository root.</summary>
    public const string JsonataStateMachineDefinitionPath = "statemachine/saga.jsonata.asl.json";

    /// <summary>Path of the definition in the given query language, relative to the repository root.</summary>
    public static string DefinitionPath(SagaQueryLanguage language) =>
        language switch
        {
            SagaQueryLanguage.JsonPath => StateMachineDefinitionPath,
            SagaQueryLanguage.Jsonata => JsonataStateMachineDefinitionPath,
            _ => throw new ArgumentOutOfRangeException(nameof(language), language, "Not a flavour of the saga definition."),
        };

    /// <summary>
    /// Reads a query language name as Amazon States Language spells it (<c>JSONPath</c>, <c>JSONata</c>), in any case;
    /// null when the text names neither.
    /// </summary>
    public static SagaQueryLanguage? ParseQueryLanguage(string? text) =>
        text?.Trim().ToUpperInvariant() switch
        {
            "JSONPATH" => SagaQueryLanguage.JsonPath,
            "JSONATA" => SagaQueryLanguage.Jsonata,
            _ => null,
        };
}
