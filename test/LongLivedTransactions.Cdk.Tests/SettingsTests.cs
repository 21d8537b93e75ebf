using Amazon.CDK.AWS.StepFunctions;
using LongLivedTransactions.Cdk.Workflow;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Cdk.Tests;

/// <summary>The app's inputs: context values, the repository root and the definition's placeholders. No synthesis.</summary>
public sealed class SettingsTests
{
    [Theory]
    [InlineData(null, StateMachineType.STANDARD)]
    [InlineData("STANDARD", StateMachineType.STANDARD)]
    [InlineData("EXPRESS", StateMachineType.EXPRESS)]
    [InlineData("express", StateMachineType.EXPRESS)]
    public void ReadsTheWorkflowTypeFromTheContext(string? contextValue, StateMachineType expected) =>
        Assert.Equal(expected, SagaStackSettings.ParseWorkflowType(contextValue));

    [Theory]
    [InlineData("SYNC")]
    [InlineData("1")]
    [InlineData(true)]
    public void RejectsAnyOtherWorkflowType(object contextValue)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => SagaStackSettings.ParseWorkflowType(contextValue));

        Assert.Contains("stateMachineType", error.Message, StringComparison.Ordinal);
        Assert.Contains("STANDARD or EXPRESS", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, SagaQueryLanguage.JsonPath)]
    [InlineData("JSONPath", SagaQueryLanguage.JsonPath)]
    [InlineData("JSONata", SagaQueryLanguage.Jsonata)]
    [InlineData("jsonata", SagaQueryLanguage.Jsonata)]
    public void ReadsTheQueryLanguageFromTheContext(string? contextValue, SagaQueryLanguage expected) =>
        Assert.Equal(expected, SagaStackSettings.ParseQueryLanguage(contextValue));

    [Theory]
    [InlineData("YAML")]
    [InlineData(true)]
    public void RejectsAnyOtherQueryLanguage(object contextValue)
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => SagaStackSettings.ParseQueryLanguage(contextValue));

        Assert.Contains("queryLanguage", error.Message, StringComparison.Ordinal);
        Assert.Contains("JSONPath or JSONata", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SagaQueryLanguage.JsonPath, "saga.asl.json")]
    [InlineData(SagaQueryLanguage.Jsonata, "saga.jsonata.asl.json")]
    public void DeploysTheDefinitionFileOfTheQueryLanguage(SagaQueryLanguage language, string fileName)
    {
        var settings = new SagaStackSettings(RepositoryRoot.Find(AppContext.BaseDirectory), StateMachineType.STANDARD, language);

        Assert.Equal(fileName, Path.GetFileName(settings.DefinitionFile));
        Assert.True(File.Exists(settings.DefinitionFile));
    }

    [Fact]
    public void FindsTheRepositoryRootFromANestedFolder()
    {
        string root = RepositoryRoot.Find(AppContext.BaseDirectory);

        Assert.True(File.Exists(Path.Combine(root, "cdk.json")));
        Assert.True(File.Exists(Path.Combine(root, "statemachine", "saga.asl.json")));
    }

    [Fact]
    public void ExplainsWhereToRunWhenNoRepositoryIsFound()
    {
        DirectoryInfo elsewhere = Directory.CreateTempSubdirectory("saga-cdk-elsewhere-");
        try
        {
            DirectoryNotFoundException error = Assert.Throws<DirectoryNotFoundException>(() => RepositoryRoot.Find(elsewhere.FullName));
            Assert.Contains("repository root", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            elsewhere.Delete();
        }
    }

    [Fact]
    public void FindsThePlaceholdersOfADefinition()
    {
        const string definition = """{"A":"${FirstArn}","B":{"C":"${Second_Arn}"},"D":"${FirstArn}","E":"$.not.a.placeholder"}""";

        Assert.Equal(["FirstArn", "Second_Arn"], DefinitionPlaceholders.In(definition).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RefusesSubstitutionsThatDoNotMatchTheDefinition()
    {
        const string definition = """{"A":"${NewOrderFunctionArn}","B":"${SagaTopicArn}"}""";

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(
            () => DefinitionPlaceholders.EnsureMatch(definition, ["NewOrderFunctionArn", "UnusedArn"]));

        Assert.Contains("without a value: [SagaTopicArn]", error.Message, StringComparison.Ordinal);
        Assert.Contains("without a placeholder: [UnusedArn]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsSubstitutionsThatMatchTheDefinition()
    {
        const string definition = """{"A":"${NewOrderFunctionArn}","B":"${SagaTopicArn}"}""";

        DefinitionPlaceholders.EnsureMatch(definition, ["SagaTopicArn", "NewOrderFunctionArn"]);
    }
}
