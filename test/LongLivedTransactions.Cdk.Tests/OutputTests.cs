using System.Text.Json.Nodes;
using LongLivedTransactions.Cdk.Tests.Fixtures;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Cdk.Tests;

[Collection(SynthesisGroup.Name)]
public sealed class OutputTests(StandardSagaStack stack)
{
    private SynthesizedSagaStack Synthesized => stack.Synthesized;

    [Fact]
    public void DeclaresEveryOutputAUserNeedsAndNoOther()
    {
        string[] expected =
        [
            "StateMachineArn",
            .. SagaTopology.Functions.Select(function => function.ArnPlaceholder),
            .. SagaTopology.Tables.Select(table => table.LogicalName + "TableName"),
            SagaTopology.TopicArnPlaceholder,
            "NotificationsQueueUrl",
        ];

        Assert.Equal(expected.Order(StringComparer.Ordinal), Synthesized.Json.Outputs.Select(output => output.Key).Order(StringComparer.Ordinal));
        Assert.All(Synthesized.Json.Outputs, output => Assert.False(string.IsNullOrWhiteSpace((string?)output.Value!["Description"]), output.Key));
    }

    [Fact]
    public void OutputsPointAtTheirResources()
    {
        SagaStack saga = Synthesized.Stack;
        AssertOutput("StateMachineArn", AssertJson.Ref(Synthesized.LogicalId(saga.Workflow.StateMachine)));
        AssertOutput(SagaTopology.TopicArnPlaceholder, AssertJson.Ref(Synthesized.LogicalId(saga.Notifications.Topic)));
        AssertOutput("NotificationsQueueUrl", AssertJson.Ref(Synthesized.LogicalId(saga.Notifications.Queue)));

        foreach (var service in saga.Services)
        {
            AssertOutput(service.Table.Node.Id + "TableName", AssertJson.Ref(Synthesized.LogicalId(service.Table)));
            foreach ((FunctionDefinition definition, var alias) in service.Aliases)
            {
                AssertOutput(definition.ArnPlaceholder, AssertJson.Ref(Synthesized.LogicalId(alias)));
            }
        }
    }

    private void AssertOutput(string name, string expectedValue)
    {
        JsonObject output = Synthesized.Json.Outputs[name]?.AsObject() ?? throw new KeyNotFoundException($"No output {name}.");
        AssertJson.Equal(expectedValue, output["Value"]);
    }
}
