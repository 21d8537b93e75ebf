using Amazon.CDK;
using Amazon.CDK.AWS.Lambda;
using Constructs;
using LongLivedTransactions.Cdk.Notifications;
using LongLivedTransactions.Cdk.Services;
using LongLivedTransactions.Cdk.Workflow;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Cdk;

/// <summary>
/// The whole saga in one stack: a service construct per service project (table and functions), the notifications,
/// the workflow, and outputs for everything a user needs to run the scenarios. All of it comes from
/// <see cref="SagaTopology"/>, which the local host reads too.
/// </summary>
public sealed class SagaStack : Stack
{
    public const string DefaultStackName = "LongLivedTransactions";

    /// <summary>The managed .NET 10 runtime, named explicitly because this CDK version has no constant for it.</summary>
    public const string RuntimeName = "dotnet10";

    public SagaStack(Construct scope, string id, SagaStackSettings settings, IStackProps? props = null) : base(scope, id, props)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // SnapStart supports the .NET managed runtimes from .NET 8 on (Lambda developer guide, "Improving startup
        // performance with Lambda SnapStart"); this CDK version knows only dotnet8 as such, so dotnet10 says it here.
        var runtime = new Runtime(RuntimeName, RuntimeFamily.DOTNET_CORE, new LambdaRuntimeProps { SupportsSnapStart = true });
        string publishArtifacts = Path.Combine(Stage.Of(this)!.Outdir, "dotnet-publish");

        Services = [.. SagaTopology.ServiceProjects.Select(project => CreateService(project, settings, runtime, publishArtifacts))];
        Notifications = new SagaNotifications(this, "Notifications", new SagaNotificationsProps());
        Workflow = new SagaWorkflow(this, "Saga", new SagaWorkflowProps(
            settings.DefinitionFile,
            Services.SelectMany(service => service.Aliases).ToDictionary(alias => alias.Key, alias => (IFunction)alias.Value),
            Notifications.Topic,
            settings.WorkflowType,
            settings.QueryLanguage));

        AddOutputs();
    }

    public IReadOnlyList<SagaService> Services { get; }

    public SagaNotifications Notifications { get; }

    public SagaWorkflow Workflow { get; }

    private SagaService CreateService(string project, SagaStackSettings settings, Runtime runtime, string publishArtifacts)
    {
        FunctionDefinition[] functions = [.. SagaTopology.Functions.Where(function => function.Project == project)];
        TableDefinition[] tables = [.. functions.Select(function => function.Table).Distinct()];
        if (tables.Length != 1)
        {
            throw new InvalidOperationException($"The functions of {project} must share exactly one table; they use {tables.Length}.");
        }

        // "LongLivedTransactions.Orders" -> "OrdersService"
        string serviceName = project[(project.LastIndexOf('.') + 1)..] + "Service";
        Code code = ServiceCode.FromProject(settings.RepositoryRoot, project, publishArtifacts, runtime);
        return new SagaService(this, serviceName, new SagaServiceProps(tables[0], functions, runtime, code));
    }

    private void AddOutputs()
    {
        Output("StateMachineArn", Workflow.StateMachine.StateMachineArn, "ARN of the saga state machine: pass it to aws stepfunctions start-execution.");

        foreach (SagaService service in Services)
        {
            Output(service.Table.Node.Id + "TableName", service.Table.TableName, $"Name of the {service.Table.Node.Id} table.");
            foreach ((FunctionDefinition definition, Alias alias) in service.Aliases)
            {
                Output(definition.ArnPlaceholder, alias.FunctionArn, $"ARN of the {definition.Name} function's {alias.AliasName} alias, which the state machine invokes.");
            }
        }

        Output(SagaTopology.TopicArnPlaceholder, Notifications.Topic.TopicArn, "ARN of the SNS topic that receives saga outcomes.");
        Output("NotificationsQueueUrl", Notifications.Queue.QueueUrl, "URL of the SQS queue subscribed to the outcome topic: read notifications here.");
    }

    private void Output(string id, string value, string description) =>
        _ = new CfnOutput(this, id, new CfnOutputProps { Value = value, Description = description });
}
