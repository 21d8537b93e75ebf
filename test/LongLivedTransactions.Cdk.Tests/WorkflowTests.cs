using System.Text.Json.Nodes;
using LongLivedTransactions.Cdk.Tests.Fixtures;

namespace LongLivedTransactions.Cdk.Tests;

[Collection(SynthesisGroup.Name)]
public sealed class WorkflowTests(StandardSagaStack stack)
{
    private SynthesizedSagaStack Synthesized => stack.Synthesized;

    private JsonObject StateMachine => Synthesized.Json.Properties(Synthesized.LogicalId(Synthesized.Stack.Workflow.StateMachine));

    [Fact]
    public void IsAStandardWorkflowByDefault() => Assert.Equal("STANDARD", (string?)StateMachine["StateMachineType"]);

    [Fact]
    public void LogsEveryEventWithItsDataToItsOwnLogGroup()
    {
        string logGroup = Synthesized.LogicalId(Synthesized.Stack.Workflow.LogGroup);

        AssertJson.Equal(
            $$$"""
            {
              "Destinations": [{"CloudWatchLogsLogGroup": {"LogGroupArn": {{{AssertJson.GetAtt(logGroup, "Arn")}}}}}],
              "IncludeExecutionData": true,
              "Level": "ALL"
            }
            """,
            StateMachine["LoggingConfiguration"]);

        JsonObject logGroupProperties = Synthesized.Json.Properties(logGroup);
        Assert.StartsWith("/aws/vendedlogs/states/", (string?)logGroupProperties["LogGroupName"], StringComparison.Ordinal);
        Assert.Equal(14, (int?)logGroupProperties["RetentionInDays"]);
        Assert.DoesNotContain(
            Synthesized.Json.ResourcesOfType("AWS::Lambda::Function"),
            function => TemplateJson.RefTarget(function.Resource["Properties"]!["LoggingConfig"]?["LogGroup"]) == logGroup);
    }

    [Fact]
    public void IsTraced() => AssertJson.Equal("""{"Enabled":true}""", StateMachine["TracingConfiguration"]);
}

/// <summary>The same stack deployed with <c>-c stateMachineType=EXPRESS</c>.</summary>
[Collection(SynthesisGroup.Name)]
public sealed class ExpressWorkflowTests(ExpressSagaStack stack) : IClassFixture<ExpressSagaStack>
{
    private JsonObject StateMachine =>
        stack.Synthesized.Json.Properties(stack.Synthesized.LogicalId(stack.Synthesized.Stack.Workflow.StateMachine));

    [Fact]
    public void IsAnExpressWorkflow() => Assert.Equal("EXPRESS", (string?)StateMachine["StateMachineType"]);

    [Fact]
    public void KeepsFullLoggingAndTracing()
    {
        Assert.Equal("ALL", (string?)StateMachine["LoggingConfiguration"]!["Level"]);
        Assert.True((bool?)StateMachine["LoggingConfiguration"]!["IncludeExecutionData"]);
        AssertJson.Equal("""{"Enabled":true}""", StateMachine["TracingConfiguration"]);
    }
}
