using System.Text.Json.Nodes;
using LongLivedTransactions.Cdk.Tests.Fixtures;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Cdk.Tests;

[Collection(SynthesisGroup.Name)]
public sealed class TableTests(StandardSagaStack stack)
{
    private SynthesizedSagaStack Synthesized => stack.Synthesized;

    public static TheoryData<string> TableNames { get; } = new(SagaTopology.Tables.Select(table => table.LogicalName));

    [Theory]
    [MemberData(nameof(TableNames))]
    public void HasTheStringPartitionKeyTheFunctionsUse(string name)
    {
        TableDefinition definition = SagaTopology.Tables.Single(table => table.LogicalName == name);
        JsonObject properties = Synthesized.Json.Properties(TableLogicalId(definition));

        AssertJson.Equal($$"""[{"AttributeName":"{{definition.PartitionKey}}","KeyType":"HASH"}]""", properties["KeySchema"]);
        string[] attributes = [definition.PartitionKey, .. definition.OrderIndex is { } index ? new[] { index.PartitionKey, index.SortKey } : []];
        Assert.Equal(
            attributes.Order(StringComparer.Ordinal).Select(attribute => $"{attribute}:S"),
            properties["AttributeDefinitions"]!.AsArray()
                .Select(attribute => $"{(string?)attribute!["AttributeName"]}:{(string?)attribute["AttributeType"]}")
                .Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TableNames))]
    public void DeclaresTheOrderIndexExactlyWhereTheTopologyHasOne(string name)
    {
        TableDefinition definition = SagaTopology.Tables.Single(table => table.LogicalName == name);
        JsonNode? indexes = Synthesized.Json.Properties(TableLogicalId(definition))["GlobalSecondaryIndexes"];

        if (definition.OrderIndex is not { } index)
        {
            Assert.Null(indexes);
            return;
        }

        AssertJson.Equal(
            $$"""
            [{
              "IndexName": "{{index.IndexName}}",
              "KeySchema": [
                {"AttributeName": "{{index.PartitionKey}}", "KeyType": "HASH"},
                {"AttributeName": "{{index.SortKey}}", "KeyType": "RANGE"}
              ],
              "Projection": {"ProjectionType": "ALL"}
            }]
            """,
            indexes);
    }

    [Theory]
    [MemberData(nameof(TableNames))]
    public void IsOnDemandWithPointInTimeRecoveryAndIsDeletedWithTheStack(string name)
    {
        TableDefinition definition = SagaTopology.Tables.Single(table => table.LogicalName == name);
        JsonObject resource = Synthesized.Json.Resource(TableLogicalId(definition));

        Assert.Equal("PAY_PER_REQUEST", (string?)resource["Properties"]!["BillingMode"]);
        AssertJson.Equal("""{"PointInTimeRecoveryEnabled":true}""", resource["Properties"]!["PointInTimeRecoverySpecification"]);
        Assert.Equal("Delete", (string?)resource["DeletionPolicy"]);
    }

    private string TableLogicalId(TableDefinition definition) =>
        Synthesized.LogicalId(Synthesized.Stack.Services.Single(service => service.Table.Node.Id == definition.LogicalName).Table);
}
