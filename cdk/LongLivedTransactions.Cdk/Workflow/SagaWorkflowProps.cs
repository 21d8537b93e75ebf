using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.StepFunctions;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Cdk.Workflow;

/// <summary>What the saga state machine is made of.</summary>
/// <param name="DefinitionFile">Absolute path of the ASL definition with <c>${...}</c> placeholders.</param>
/// <param name="Functions">
/// Every function the definition invokes (its alias), by its topology entry (which names its placeholder).
/// </param>
/// <param name="Topic">The topic the definition publishes outcomes to.</param>
/// <param name="Type">STANDARD or EXPRESS.</param>
/// <param name="QueryLanguage">The query language the definition file is written in (recorded, not read from the file).</param>
public sealed record SagaWorkflowProps(
    string DefinitionFile,
    IReadOnlyDictionary<FunctionDefinition, IFunction> Functions,
    ITopic Topic,
    StateMachineType Type,
    SagaQueryLanguage QueryLanguage = SagaQueryLanguage.JsonPath);
