using System.Text.Json.Nodes;
using LongLivedTransactions.Cdk.Tests.Fixtures;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Cdk.Tests;

/// <summary>
/// The local host builds its tables and handlers from <see cref="SagaTopology"/>; these tests read only the template
/// (no construct objects) and check that the cloud gets the same tables, handlers and wiring.
/// </summary>
[Collection(SynthesisGroup.Name)]
public sealed class TopologyAgreementTests(StandardSagaStack stack)
{
    private TemplateJson Template => stack.Synthesized.Json;

    [Fact]
    public void TemplateDeclaresTheTablesOfTheTopology()
    {
        IEnumerable<string> declared = Template.ResourcesOfType("AWS::DynamoDB::Table").Select(table => DescribeDeclaredTable(table.LogicalId));

        Assert.Equal(SagaTopology.Tables.Select(Describe).Order(StringComparer.Ordinal), declared.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TemplateDeclaresTheHandlersOfTheTopologyEachOnItsTable()
    {
        IEnumerable<string> declared = Template.ResourcesOfType("AWS::Lambda::Function").Select(function =>
        {
            JsonObject properties = function.Resource["Properties"]!.AsObject();
            string table = TemplateJson.RefTarget(properties["Environment"]?["Variables"]?[SagaTopology.TableNameVariable])
                ?? throw new InvalidOperationException($"{function.LogicalId} has no {SagaTopology.TableNameVariable} that refers to a table.");
            return $"{(string?)properties["Handler"]} -> {DescribeDeclaredTable(table)}";
        });

        Assert.Equal(
            SagaTopology.Functions.Select(function => $"{function.Handler} -> {Describe(function.Table)}").Order(StringComparer.Ordinal),
            declared.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EachArnPlaceholderIsBoundToTheFunctionTheTopologyNames()
    {
        (_, JsonObject stateMachine) = Assert.Single(Template.ResourcesOfType("AWS::StepFunctions::StateMachine"));
        IEnumerable<string> declared = stateMachine["Properties"]!["DefinitionSubstitutions"]!.AsObject()
            .Where(substitution => substitution.Key != SagaTopology.TopicArnPlaceholder)
            .Select(substitution =>
            {
                string alias = TemplateJson.RefTarget(substitution.Value)
                    ?? throw new InvalidOperationException($"{substitution.Key} is not bound to a function alias.");
                string function = TemplateJson.RefTarget(Template.Properties(alias)["FunctionName"])
                    ?? throw new InvalidOperationException($"The alias {alias} does not name a function of this stack.");
                return $"{substitution.Key} -> {(string?)Template.Properties(function)["Handler"]}";
            });

        Assert.Equal(
            SagaTopology.Functions.Select(function => $"{function.ArnPlaceholder} -> {function.Handler}").Order(StringComparer.Ordinal),
            declared.Order(StringComparer.Ordinal));

        string topic = TemplateJson.RefTarget(stateMachine["Properties"]!["DefinitionSubstitutions"]![SagaTopology.TopicArnPlaceholder])!;
        Assert.Equal("AWS::SNS::Topic", (string?)Template.Resource(topic)["Type"]);
    }

    private static string Describe(TableDefinition table) =>
        table.OrderIndex is { } index
            ? $"{table.PartitionKey} + {index.IndexName}({index.PartitionKey}, {index.SortKey})"
            : table.PartitionKey;

    private string DescribeDeclaredTable(string logicalId)
    {
        JsonObject properties = Template.Properties(logicalId);
        string partitionKey = (string)properties["KeySchema"]!.AsArray().Single(key => (string?)key!["KeyType"] == "HASH")!["AttributeName"]!;
        if (properties["GlobalSecondaryIndexes"] is not JsonArray indexes)
        {
            return partitionKey;
        }

        JsonNode index = indexes.Single()!;
        JsonArray keys = index["KeySchema"]!.AsArray();
        string Key(string type) => (string)keys.Single(key => (string?)key!["KeyType"] == type)!["AttributeName"]!;
        return $"{partitionKey} + {(string?)index["IndexName"]}({Key("HASH")}, {Key("RANGE")})";
    }
}
