using Amazon.CDK;
using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.Lambda;
using Amazon.CDK.AWS.Logs;
using Constructs;
using LongLivedTransactions.Core.Topology;
using Attribute = Amazon.CDK.AWS.DynamoDB.Attribute;

namespace LongLivedTransactions.Cdk.Services;

/// <summary>
/// One saga service: its table and the functions that run its local transaction and its compensation. Each function
/// may read and write this table only.
/// </summary>
public sealed class SagaService : Construct
{
    /// <summary>
    /// The alias of each function's current published version. SnapStart restores published versions only, so the
    /// state machine invokes this alias, never the unqualified function ($LATEST).
    /// </summary>
    public const string LiveAliasName = "live";

    /// <summary>How long function logs are kept.</summary>
    public static readonly RetentionDays LogRetention = RetentionDays.TWO_WEEKS;

    public SagaService(Construct scope, string id, SagaServiceProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);

        Table = CreateTable(props.Table);

        var functions = new Dictionary<FunctionDefinition, Function>();
        var aliases = new Dictionary<FunctionDefinition, Alias>();
        foreach (FunctionDefinition definition in props.Functions)
        {
            if (definition.Table != props.Table)
            {
                throw new ArgumentException(
                    $"The function {definition.Name} owns the table {definition.Table.LogicalName}, not {props.Table.LogicalName}.",
                    nameof(props));
            }

            Function function = CreateFunction(definition, props);
            TableAccess.GrantData(function, Table, definition.Table);
            functions.Add(definition, function);
            aliases.Add(definition, new Alias(this, definition.Name + "LiveAlias", new AliasProps
            {
                AliasName = LiveAliasName,
                // A new version is published whenever the function's code or configuration changes.
                Version = function.CurrentVersion,
            }));
            // CDK warns that SnapStart applies to published versions only; the live alias is on one.
            Annotations.Of(function).AcknowledgeWarning(
                "@aws-cdk/aws-lambda:snapStartRequirePublish", "The state machine invokes the live alias of a published version.");
        }

        Functions = functions;
        Aliases = aliases;
    }

    public Table Table { get; }

    public IReadOnlyDictionary<FunctionDefinition, Function> Functions { get; }

    /// <summary>The <see cref="LiveAliasName"/> alias of each function: what the state machine invokes.</summary>
    public IReadOnlyDictionary<FunctionDefinition, Alias> Aliases { get; }

    private Table CreateTable(TableDefinition definition)
    {
        var table = new Table(this, definition.LogicalName, new TableProps
        {
            PartitionKey = new Attribute { Name = definition.PartitionKey, Type = AttributeType.STRING },
            BillingMode = BillingMode.PAY_PER_REQUEST,
            PointInTimeRecovery = true,
            // A sample: `cdk destroy` removes the tables and their data. Use RETAIN for anything you want to keep.
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        if (definition.OrderIndex is { } index)
        {
            table.AddGlobalSecondaryIndex(new GlobalSecondaryIndexProps
            {
                IndexName = index.IndexName,
                PartitionKey = new Attribute { Name = index.PartitionKey, Type = AttributeType.STRING },
                SortKey = new Attribute { Name = index.SortKey, Type = AttributeType.STRING },
                ProjectionType = ProjectionType.ALL,
            });
        }

        return table;
    }

    private Function CreateFunction(FunctionDefinition definition, SagaServiceProps props)
    {
        var logGroup = new LogGroup(this, definition.Name + "Logs", new LogGroupProps
        {
            Retention = LogRetention,
            RemovalPolicy = RemovalPolicy.DESTROY,
        });

        return new Function(this, definition.Name, new FunctionProps
        {
            Description = $"Saga step {definition.Name} ({definition.Table.LogicalName} table).",
            Runtime = props.Runtime,
            Architecture = Architecture.ARM_64,
            Handler = definition.Handler,
            Code = props.Code,
            // CPU grows with memory; 512 MB keeps .NET cold starts short at a small cost.
            MemorySize = 512,
            Timeout = Duration.Seconds(15),
            Tracing = Tracing.ACTIVE,
            // Each published version is initialised once and snapshotted; a cold start resumes the snapshot instead of
            // starting .NET, loading the assemblies and running the constructor.
            SnapStart = SnapStartConf.ON_PUBLISHED_VERSIONS,
            LogGroup = logGroup,
            Environment = new Dictionary<string, string>
            {
                [SagaTopology.TableNameVariable] = Table.TableName,
            },
        });
    }
}
