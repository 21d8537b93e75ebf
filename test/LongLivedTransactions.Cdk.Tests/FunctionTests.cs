using System.Text.Json.Nodes;
using LongLivedTransactions.Cdk.Services;
using LongLivedTransactions.Cdk.Tests.Fixtures;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Cdk.Tests;

[Collection(SynthesisGroup.Name)]
public sealed class FunctionTests(StandardSagaStack stack)
{
    private SynthesizedSagaStack Synthesized => stack.Synthesized;

    public static TheoryData<string> FunctionNames { get; } = new(SagaTopology.Functions.Select(function => function.Name));

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void RunsOnDotnet10ForArm64WithTheStreamHandler(string name)
    {
        FunctionDefinition definition = Definition(name);
        JsonObject properties = Synthesized.Json.Properties(FunctionLogicalId(definition));

        Assert.Equal(SagaStack.RuntimeName, (string?)properties["Runtime"]);
        AssertJson.Equal("""["arm64"]""", properties["Architectures"]);
        Assert.Equal($"{definition.Project}::{definition.HandlerType}::HandleAsync", (string?)properties["Handler"]);
        Assert.Equal(15, (int?)properties["Timeout"]);
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void LearnsItsOwnTableNameAndNothingElseFromTheEnvironment(string name)
    {
        FunctionDefinition definition = Definition(name);
        JsonObject properties = Synthesized.Json.Properties(FunctionLogicalId(definition));

        string tableLogicalId = Synthesized.LogicalId(Service(definition).Table);
        AssertJson.Equal($$$"""{"Variables":{"TABLE_NAME":{{{AssertJson.Ref(tableLogicalId)}}}}}""", properties["Environment"]);
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void IsTracedAndLogsToItsOwnLogGroupWithARetention(string name)
    {
        FunctionDefinition definition = Definition(name);
        JsonObject properties = Synthesized.Json.Properties(FunctionLogicalId(definition));

        AssertJson.Equal("""{"Mode":"Active"}""", properties["TracingConfig"]);
        string logGroup = Assert.IsType<string>(TemplateJson.RefTarget(properties["LoggingConfig"]?["LogGroup"]), exactMatch: false);
        JsonObject logGroupResource = Synthesized.Json.Resource(logGroup);
        Assert.Equal("AWS::Logs::LogGroup", (string?)logGroupResource["Type"]);
        Assert.Equal(14, (int?)logGroupResource["Properties"]!["RetentionInDays"]);

        string[] functionsLoggingThere =
        [
            .. Synthesized.Json.ResourcesOfType("AWS::Lambda::Function")
                .Where(function => TemplateJson.RefTarget(function.Resource["Properties"]!["LoggingConfig"]?["LogGroup"]) == logGroup)
                .Select(function => function.LogicalId),
        ];
        Assert.Equal([FunctionLogicalId(definition)], functionsLoggingThere);
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void SnapshotsItsPublishedVersionsWithSnapStart(string name)
    {
        JsonObject properties = Synthesized.Json.Properties(FunctionLogicalId(Definition(name)));

        AssertJson.Equal("""{"ApplyOn":"PublishedVersions"}""", properties["SnapStart"]);
    }

    [Theory]
    [MemberData(nameof(FunctionNames))]
    public void HasALiveAliasOnAPublishedVersionOfItself(string name)
    {
        FunctionDefinition definition = Definition(name);
        string function = FunctionLogicalId(definition);
        JsonObject alias = Synthesized.Json.Properties(Synthesized.LogicalId(Service(definition).Aliases[definition]));

        Assert.Equal(SagaService.LiveAliasName, (string?)alias["Name"]);
        AssertJson.Equal(AssertJson.Ref(function), alias["FunctionName"]);
        string version = TemplateJson.GetAttTarget(alias["FunctionVersion"], "Version")
            ?? throw new InvalidOperationException($"The alias of {name} does not name a version of this stack.");
        Assert.Equal("AWS::Lambda::Version", (string?)Synthesized.Json.Resource(version)["Type"]);
        AssertJson.Equal(AssertJson.Ref(function), Synthesized.Json.Properties(version)["FunctionName"]);
    }

    [Fact]
    public void SynthesizesWithoutWarnings() =>
        Amazon.CDK.Assertions.Annotations.FromStack(Synthesized.Stack).HasNoWarning("*", Amazon.CDK.Assertions.Match.AnyValue());

    [Fact]
    public void EachServiceProjectIsOnePackageSharedByItsFunctions()
    {
        foreach (IGrouping<string, FunctionDefinition> service in SagaTopology.Functions.GroupBy(function => function.Project))
        {
            JsonNode?[] codes = [.. service.Select(function => Synthesized.Json.Properties(FunctionLogicalId(function))["Code"])];
            Assert.All(codes, code => Assert.True(JsonNode.DeepEquals(codes[0], code), $"The functions of {service.Key} have different code."));
        }

        JsonNode?[] packages =
        [
            .. SagaTopology.ServiceProjects.Select(project =>
                Synthesized.Json.Properties(FunctionLogicalId(SagaTopology.Functions.First(function => function.Project == project)))["Code"]),
        ];
        Assert.Equal(3, packages.Select(code => code!.ToJsonString()).Distinct().Count());
    }

    private static FunctionDefinition Definition(string name) => SagaTopology.Functions.Single(function => function.Name == name);

    private SagaService Service(FunctionDefinition definition) =>
        Synthesized.Stack.Services.Single(service => service.Functions.ContainsKey(definition));

    private string FunctionLogicalId(FunctionDefinition definition) => Synthesized.LogicalId(Service(definition).Functions[definition]);
}
