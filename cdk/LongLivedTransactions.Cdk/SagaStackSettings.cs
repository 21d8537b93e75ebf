using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Cdk;

/// <summary>What may differ between two deployments of the saga stack.</summary>
/// <param name="RepositoryRoot">Absolute path of the repository: the service projects and the definition are read from it.</param>
/// <param name="WorkflowType">STANDARD (the default) or EXPRESS, chosen with <c>-c stateMachineType=EXPRESS</c>.</param>
/// <param name="QueryLanguage">
/// The flavour of the saga definition: JSONPath (the default, <c>statemachine/saga.asl.json</c>) or JSONata
/// (<c>statemachine/saga.jsonata.asl.json</c>), chosen with <c>-c queryLanguage=JSONata</c>.
/// </param>
public sealed record SagaStackSettings(
    string RepositoryRoot, StateMachineType WorkflowType, SagaQueryLanguage QueryLanguage = SagaQueryLanguage.JsonPath)
{
    /// <summary>The context key (<c>cdk deploy -c stateMachineType=EXPRESS</c>) that selects the workflow type.</summary>
    public const string WorkflowTypeContextKey = "stateMachineType";

    /// <summary>The context key (<c>cdk deploy -c queryLanguage=JSONata</c>) that selects the flavour of the definition.</summary>
    public const string QueryLanguageContextKey = "queryLanguage";

    /// <summary>Absolute path of the definition file the stack deploys.</summary>
    public string DefinitionFile => Path.Combine(RepositoryRoot, SagaTopology.DefinitionPath(QueryLanguage));

    public static SagaStackSettings FromContext(Construct scope, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return new SagaStackSettings(
            repositoryRoot,
            ParseWorkflowType(scope.Node.TryGetContext(WorkflowTypeContextKey)),
            ParseQueryLanguage(scope.Node.TryGetContext(QueryLanguageContextKey)));
    }

    public static SagaQueryLanguage ParseQueryLanguage(object? contextValue) =>
        contextValue switch
        {
            null => SagaQueryLanguage.JsonPath,
            string text when SagaTopology.ParseQueryLanguage(text) is { } language => language,
            _ => throw new ArgumentException(
                $"The context value {QueryLanguageContextKey}='{contextValue}' is not a query language of the saga; use JSONPath or JSONata.",
                nameof(contextValue)),
        };

    public static StateMachineType ParseWorkflowType(object? contextValue) =>
        contextValue switch
        {
            null => StateMachineType.STANDARD,
            string text when text.Equals("STANDARD", StringComparison.OrdinalIgnoreCase) => StateMachineType.STANDARD,
            string text when text.Equals("EXPRESS", StringComparison.OrdinalIgnoreCase) => StateMachineType.EXPRESS,
            _ => throw new ArgumentException(
                $"The context value {WorkflowTypeContextKey}='{contextValue}' is not a state machine type; use STANDARD or EXPRESS.",
                nameof(contextValue)),
        };
}
