namespace LongLivedTransactions.Core.Topology;

/// <summary>A DynamoDB table as the saga uses it: a string partition key and at most one global secondary index.</summary>
/// <param name="LogicalName">Stable name used by the CDK stack (construct id) and by the local host (table name).</param>
/// <param name="PartitionKey">Name of the string partition key attribute.</param>
/// <param name="OrderIndex">The index on <c>order_id</c> that compensations query, or null when the table has none.</param>
public sealed record TableDefinition(string LogicalName, string PartitionKey, IndexDefinition? OrderIndex);

/// <summary>A global secondary index with string hash and range keys, projecting all attributes.</summary>
public sealed record IndexDefinition(string IndexName, string PartitionKey, string SortKey);
