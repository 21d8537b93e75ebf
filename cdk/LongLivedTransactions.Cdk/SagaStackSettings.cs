using Amazon.CDK.AWS.StepFunctions;
using Constructs;

namespace LongLivedTransactions.Cdk;

/// <summary>What may differ between two deployments of the saga stack.</summary>
/// <param name="RepositoryRoot">Absolute path of the repository: the service projects and the definition are read from it.</param>
/// <param name="WorkflowType">STANDARD (the default) or EXPRESS, chosen with <c>-c stateMachineType=EXPRESS</c>.</param>
public sealed record SagaStackSettings(string RepositoryRoot, StateMachineType WorkflowType)
{
    /// <summary>The context key (<c>cdk deploy -c stateMachineType=EXPRESS</c>) that selects the workflow type.</summary>
    public const string WorkflowTypeContextKey = "stateMachineType";

    public static SagaStackSettings FromContext(Construct scope, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(scope);
        object? value = scope.Node.TryGetContext(WorkflowTypeContextKey);
        return new SagaStackSettings(repositoryRoot, ParseWorkflowType(value));
    }

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
