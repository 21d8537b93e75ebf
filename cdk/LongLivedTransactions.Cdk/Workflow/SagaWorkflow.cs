using Amazon.CDK;
using Amazon.CDK.AWS.IAM;
using Amazon.CDK.AWS.Logs;
using Amazon.CDK.AWS.StepFunctions;
using Constructs;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Cdk.Workflow;

/// <summary>
/// The saga state machine, built from the shared ASL file. Its role may invoke exactly the saga functions and publish
/// to exactly the outcome topic; every execution is logged with its data and traced.
/// </summary>
public sealed class SagaWorkflow : Construct
{
    public static readonly RetentionDays LogRetention = RetentionDays.TWO_WEEKS;

    public SagaWorkflow(Construct scope, string id, SagaWorkflowProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);
        QueryLanguage = props.QueryLanguage;

        string definition = File.ReadAllText(props.DefinitionFile);
        Dictionary<string, string> substitutions = props.Functions.ToDictionary(
            function => function.Key.ArnPlaceholder,
            function => function.Value.FunctionArn,
            StringComparer.Ordinal);
        substitutions.Add(SagaTopology.TopicArnPlaceholder, props.Topic.TopicArn);
        DefinitionPlaceholders.EnsureMatch(definition, substitutions.Keys);

        LogGroup = new LogGroup(this, "Logs", new LogGroupProps
        {
            // Step Functions recommends the /aws/vendedlogs/ prefix: it spares the account-wide log resource policy.
            LogGroupName = $"/aws/vendedlogs/states/{Stack.Of(this).StackName}-{id}",
            Retention = LogRetention,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        StateMachine = new StateMachine(this, "StateMachine", new StateMachineProps
        {
            // Inline (not an S3 asset), so that the template carries the definition and CloudFormation substitutes it.
            DefinitionBody = DefinitionBody.FromString(definition),
            DefinitionSubstitutions = substitutions,
            StateMachineType = props.Type,
            Logs = new LogOptions { Destination = LogGroup, Level = LogLevel.ALL, IncludeExecutionData = true },
            TracingEnabled = true,
        });

        // The definition invokes each function's live alias (the published version SnapStart restores), so exactly
        // these aliases are granted: neither the unqualified functions nor other versions.
        StateMachine.AddToRolePolicy(new PolicyStatement(new PolicyStatementProps
        {
            Actions = ["lambda:InvokeFunction"],
            Resources = [.. props.Functions.Values.Select(function => function.FunctionArn)],
        }));
        props.Topic.GrantPublish(StateMachine);
    }

    public StateMachine StateMachine { get; }

    /// <summary>The query language of the deployed definition.</summary>
    public SagaQueryLanguage QueryLanguage { get; }

    public LogGroup LogGroup { get; }
}
