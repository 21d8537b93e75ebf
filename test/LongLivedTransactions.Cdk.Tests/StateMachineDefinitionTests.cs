using System.Text.Json.Nodes;
using LongLivedTransactions.Cdk.Tests.Fixtures;
using LongLivedTransactions.Cdk.Workflow;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Cdk.Tests;

/// <summary>
/// The definition the template deploys: the shared ASL file of the chosen flavour, with every placeholder bound to the
/// right resource.
/// </summary>
public abstract class StateMachineDefinitionTests(SynthesizedSagaStack synthesized, SagaQueryLanguage flavour)
{
    private SynthesizedSagaStack Synthesized => synthesized;

    private string DefinitionFile => File.ReadAllText(Path.Combine(Synthesized.RepositoryRoot, SagaTopology.DefinitionPath(flavour)));

    private JsonObject StateMachine => Synthesized.Json.Properties(Synthesized.LogicalId(Synthesized.Stack.Workflow.StateMachine));

    [Fact]
    public void DeploysTheSharedDefinitionFileUnchanged()
    {
        string deployed = Assert.IsType<string>((string?)StateMachine["DefinitionString"]);

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(DefinitionFile), JsonNode.Parse(deployed)));
    }

    [Fact]
    public void SubstitutesExactlyThePlaceholdersOfTheFile()
    {
        IEnumerable<string> substituted = StateMachine["DefinitionSubstitutions"]!.AsObject().Select(entry => entry.Key);

        Assert.Equal(DefinitionPlaceholders.In(DefinitionFile).Order(StringComparer.Ordinal), substituted.Order(StringComparer.Ordinal));
        Assert.DoesNotContain("${", Substituted(), StringComparison.Ordinal);
    }

    [Fact]
    public void ContainsEveryStateOfTheFileAfterSubstitution()
    {
        JsonObject file = JsonNode.Parse(DefinitionFile)!.AsObject();
        JsonObject deployed = JsonNode.Parse(Substituted())!.AsObject();

        Assert.Equal((string?)file["StartAt"], (string?)deployed["StartAt"]);
        Assert.Equal(
            file["States"]!.AsObject().Select(state => state.Key).Order(StringComparer.Ordinal),
            deployed["States"]!.AsObject().Select(state => state.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void InvokesEachFunctionThroughItsLiveAlias()
    {
        JsonObject deployed = JsonNode.Parse(Substituted())!.AsObject();
        string[] invoked =
        [
            .. deployed["States"]!.AsObject()
                .Where(state => (string?)state.Value!["Resource"] == "arn:aws:states:::lambda:invoke")
                .Select(state => (string)TaskArguments(state.Value!)["FunctionName"]!)
                .Distinct()
                .Order(StringComparer.Ordinal),
        ];

        Assert.Equal(AllAliases().Select(alias => "ref:" + alias.LogicalId).Order(StringComparer.Ordinal), invoked);
        foreach ((FunctionDefinition definition, string logicalId) in AllAliases())
        {
            AssertJson.Equal(AssertJson.Ref(logicalId), StateMachine["DefinitionSubstitutions"]![definition.ArnPlaceholder]);
        }
    }

    [Fact]
    public void PublishesOutcomesToTheSagaTopic()
    {
        JsonObject deployed = JsonNode.Parse(Substituted())!.AsObject();
        string[] topics =
        [
            .. deployed["States"]!.AsObject()
                .Where(state => (string?)state.Value!["Resource"] == "arn:aws:states:::sns:publish")
                .Select(state => (string)TaskArguments(state.Value!)["TopicArn"]!),
        ];

        Assert.NotEmpty(topics);
        Assert.All(topics, topic => Assert.Equal("ref:" + Synthesized.LogicalId(Synthesized.Stack.Notifications.Topic), topic));
    }

    [Fact]
    public void DeploysTheDefinitionOfTheChosenQueryLanguage()
    {
        JsonObject deployed = JsonNode.Parse(Substituted())!.AsObject();

        Assert.Equal(flavour, Synthesized.Stack.Workflow.QueryLanguage);
        Assert.Equal(flavour == SagaQueryLanguage.Jsonata ? "JSONata" : null, (string?)deployed["QueryLanguage"]);
        Assert.All(
            deployed["States"]!.AsObject().Where(state => (string?)state.Value!["Type"] == "Task"),
            state => Assert.NotNull(state.Value![flavour == SagaQueryLanguage.Jsonata ? "Arguments" : "Parameters"]));
    }

    /// <summary>A task's arguments: <c>Parameters</c> in a JSONPath state, <c>Arguments</c> in a JSONata one.</summary>
    private static JsonNode TaskArguments(JsonNode state) => state["Parameters"] ?? state["Arguments"]!;

    /// <summary>The definition as CloudFormation will deploy it, with each value written as arn-of:LogicalId or ref:LogicalId.</summary>
    private string Substituted()
    {
        string definition = (string)StateMachine["DefinitionString"]!;
        foreach ((string name, JsonNode? value) in StateMachine["DefinitionSubstitutions"]!.AsObject())
        {
            string placeholderValue = TemplateJson.GetAttTarget(value, "Arn") is { } arnOf ? "arn-of:" + arnOf
                : TemplateJson.RefTarget(value) is { } reference ? "ref:" + reference
                : throw new InvalidOperationException($"Unexpected substitution value for {name}: {value?.ToJsonString()}");
            definition = definition.Replace("${" + name + "}", placeholderValue, StringComparison.Ordinal);
        }

        return definition;
    }

    private IEnumerable<(FunctionDefinition Definition, string LogicalId)> AllAliases() =>
        Synthesized.Stack.Services.SelectMany(service => service.Aliases)
            .Select(alias => (alias.Key, Synthesized.LogicalId(alias.Value)));
}

/// <summary>The default deployment: the JSONPath flavour, <c>statemachine/saga.asl.json</c>.</summary>
[Collection(SynthesisGroup.Name)]
public sealed class JsonPathStateMachineDefinitionTests(StandardSagaStack stack)
    : StateMachineDefinitionTests(stack.Synthesized, SagaQueryLanguage.JsonPath);

/// <summary>Deployed with <c>-c queryLanguage=JSONata</c>: <c>statemachine/saga.jsonata.asl.json</c>.</summary>
[Collection(SynthesisGroup.Name)]
public sealed class JsonataStateMachineDefinitionTests(JsonataSagaStack stack)
    : StateMachineDefinitionTests(stack.Synthesized, SagaQueryLanguage.Jsonata), IClassFixture<JsonataSagaStack>;
