using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Local.DynamoDb;
using LongLivedTransactions.Local.Faults;
using LongLivedTransactions.Local.Functions;
using LongLivedTransactions.Local.Notifications;
using LongLivedTransactions.Local.Workflow;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.Execution.Callbacks;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;

namespace LongLivedTransactions.Local;

/// <summary>
/// Everything the saga needs, on this machine: a DynamoDB-compatible server with the saga's tables, the six
/// functions in-process behind the Lambda integrations, a recording SNS and SQS, and the ASL engine with the saga's
/// definition (placeholders resolved to local ARNs).
/// </summary>
public sealed class LocalCloud : IAsyncDisposable
{
    private readonly DynaliteServer? dynalite;
    private readonly AmazonDynamoDBClient? functionsDynamoDb;

    // The executions work on threads of their own, so that the requests served on the thread pool do not wait behind them.
    private readonly ExecutionThreads executionThreads = new(Environment.ProcessorCount);

    private LocalCloud(
        LocalCloudOptions options,
        DynaliteServer? dynalite,
        Uri dynamoDbEndpoint,
        IAmazonDynamoDB dynamoDb,
        IReadOnlyDictionary<string, string> tableNames)
    {
        this.dynalite = dynalite;
        Arns = options.Arns;
        DynamoDbEndpoint = dynamoDbEndpoint;
        DynamoDb = dynamoDb;
        TableNames = tableNames;
        var log = new FunctionLog(options.FunctionLogWriter, options.TimeProvider);
        Faults = options.Faults is { } plan ? new FaultInjector(plan) : null;

        // With faults, the functions get a client of their own whose requests may be throttled; the host's reads are not.
        functionsDynamoDb = Faults is null ? null : LocalDynamoDbClient.Create(dynamoDbEndpoint, Arns.Region, new ThrottlingHttpClientFactory(Faults));
        Functions = new InProcessLambdaHost(SagaFunctionCatalog.Create(functionsDynamoDb ?? dynamoDb, tableNames, options.TimeProvider, log));
        Notifications = new RecordingSnsPublisher(options.TimeProvider);
        Queues = new RecordingSqsQueues(options.TimeProvider);
        ILambdaFunctionHost invoked = Faults is null ? Functions : new FaultInjectingLambdaHost(Functions, Faults, options.TimeProvider);
        ISnsPublisher published = Faults is null ? Notifications : new FaultInjectingSnsPublisher(Notifications, Faults);
        Engine = new ExecutionEngine(
            [
                new LambdaInvokeTaskInvoker(invoked, options.TimeProvider),
                new SnsPublishTaskInvoker(published, options.TimeProvider),
                new SqsSendMessageTaskInvoker(Queues, options.TimeProvider),
            ],
            options.TimeProvider)
        {
            DelayScale = options.DelayScale,
            MaxRunningExecutions = options.MaxRunningExecutions,
            Threads = executionThreads,
            Callbacks = new TaskCallbacks(options.TaskTokenKey ?? TaskCallbacks.NewKey()),
        };
        LoadedSagaDefinition saga = SagaDefinition.Read(
            options.SagaDefinitionFile ?? Path.Combine(options.RepositoryRoot, SagaTopology.StateMachineDefinitionPath), Arns);
        SagaDefinitionFile = saga.File;
        SagaDefinitionJson = saga.Text;
        Saga = saga.Definition;
        SagaStateMachineArn = Arns.StateMachine(SagaDefinition.StateMachineName);
    }

    public LocalArns Arns { get; }

    public Uri DynamoDbEndpoint { get; }

    /// <summary>The pid of a dynalite left over from a killed run on the same state directory, stopped at this start.</summary>
    public int? StoppedLeftoverDynalitePid => dynalite?.StoppedLeftoverPid;

    public IAmazonDynamoDB DynamoDb { get; }

    /// <summary>Physical table name by logical name.</summary>
    public IReadOnlyDictionary<string, string> TableNames { get; }

    public InProcessLambdaHost Functions { get; }

    public RecordingSnsPublisher Notifications { get; }

    /// <summary>The local SQS: the messages sent to each queue URL.</summary>
    public RecordingSqsQueues Queues { get; }

    /// <summary>The faults injected into the state machine's tasks and the functions' DynamoDB requests, if any.</summary>
    public FaultInjector? Faults { get; }

    /// <summary>The engine, with Lambda tasks going to the in-process functions and SNS publishes recorded.</summary>
    public ExecutionEngine Engine { get; }

    /// <summary>The file the saga definition was read from.</summary>
    public string SagaDefinitionFile { get; }

    /// <summary>The saga definition with local ARNs in place of its placeholders.</summary>
    public string SagaDefinitionJson { get; }

    public StateMachineDefinition Saga { get; }

    public string SagaStateMachineArn { get; }

    public static async Task<LocalCloud> StartAsync(LocalCloudOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        DynaliteServer? dynalite = null;
        Uri endpoint;
        if (options.DynamoDbEndpoint is { } configured)
        {
            endpoint = configured;
        }
        else
        {
            string? tables = options.StateDirectory is { } stateDirectory ? Path.Combine(stateDirectory, "dynamodb") : null;
            dynalite = await DynaliteServer.StartAsync(options.RepositoryRoot, options.DynamoDbPort, tables, cancellationToken).ConfigureAwait(false);
            endpoint = dynalite.ServiceUrl;
        }

        AmazonDynamoDBClient dynamoDb = LocalDynamoDbClient.Create(endpoint, options.Arns.Region);
        try
        {
            var tableNames = await EnsureTablesAsync(dynamoDb, cancellationToken).ConfigureAwait(false);
            return new LocalCloud(options, dynalite, endpoint, dynamoDb, tableNames);
        }
        catch
        {
            dynamoDb.Dispose();
            if (dynalite is not null)
            {
                await dynalite.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>
    /// Starts one execution of the saga with the given order as input: the loaded definition, or another one (a
    /// definition being checked) with its ARNs resolved to this cloud's functions and topic.
    /// </summary>
    public Execution StartSaga(string executionName, string inputJson, StateMachineDefinition? definition = null) =>
        Engine.Start(new ExecutionRequest(
            SagaStateMachineArn,
            Arns.Execution(SagaDefinition.StateMachineName, executionName),
            executionName,
            definition ?? Saga,
            inputJson,
            Arns.Role("LongLivedTransactionsSagaRole")));

    public async ValueTask DisposeAsync()
    {
        executionThreads.Dispose();
        DynamoDb.Dispose();
        functionsDynamoDb?.Dispose();
        if (dynalite is not null)
        {
            await dynalite.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Creates the tables of the topology; on an endpoint that already has them, uses them as they are.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> EnsureTablesAsync(IAmazonDynamoDB dynamoDb, CancellationToken cancellationToken)
    {
        var provisioner = new TableProvisioner(dynamoDb);
        var names = new Dictionary<string, string>();
        foreach (TableDefinition table in SagaTopology.Tables)
        {
            try
            {
                await provisioner.CreateAsync(table, table.LogicalName, cancellationToken).ConfigureAwait(false);
            }
            catch (ResourceInUseException)
            {
                // The table exists already (a shared endpoint): keep it and its data.
            }

            names[table.LogicalName] = table.LogicalName;
        }

        return names;
    }
}
