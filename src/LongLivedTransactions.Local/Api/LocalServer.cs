using System.Net;
using LongLivedTransactions.Local.Console;
using LongLivedTransactions.Local.DynamoDb;
using LongLivedTransactions.Local.LambdaApi;
using LongLivedTransactions.Local.Persistence;
using LongLivedTransactions.Local.Security;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// What <c>up</c> runs: the local cloud (DynamoDB, tables, functions, engine) and one HTTP server on 127.0.0.1 that
/// serves the Step Functions API (<c>POST /</c>), the Lambda API (<c>/2015-03-31/functions</c>) and the web console
/// (<c>GET /</c>). The saga's state machine is registered at start. Disposing stops the server and the cloud.
/// </summary>
public sealed class LocalServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly DynamoDbProxy? dynamoDbProxy;
    private readonly LocalStateDatabase database;
    private readonly StateDirectoryLock? directoryLock;

    private LocalServer(
        WebApplication app,
        LocalCloud cloud,
        Uri endpoint,
        DynamoDbProxy? dynamoDbProxy,
        StateMachineRegistry stateMachines,
        ExecutionStore executions,
        LocalStateDatabase database,
        StateDirectoryLock? directoryLock)
    {
        this.app = app;
        this.dynamoDbProxy = dynamoDbProxy;
        this.database = database;
        this.directoryLock = directoryLock;
        Cloud = cloud;
        Endpoint = endpoint;
        StateMachines = stateMachines;
        Executions = executions;
    }

    public LocalCloud Cloud { get; }

    /// <summary>The Step Functions and Lambda endpoint (<c>--endpoint-url</c>); the console is at its root.</summary>
    public Uri Endpoint { get; }

    /// <summary>
    /// The DynamoDB endpoint for users: the guarded proxy in front of dynalite, or the configured endpoint as it is.
    /// </summary>
    public Uri DynamoDbEndpoint => dynamoDbProxy?.Endpoint ?? Cloud.DynamoDbEndpoint;

    public StateMachineRegistry StateMachines { get; }

    public ExecutionStore Executions { get; }

    /// <summary>How many executions that were running when the host last stopped carried on at this start.</summary>
    public int ResumedExecutions { get; private init; }

    public string SagaStateMachineArn => Cloud.SagaStateMachineArn;

    /// <summary>Cancelled when the host is asked to stop (SIGTERM, Ctrl-C): whoever waits on the server stops too.</summary>
    public CancellationToken Stopping => app.Lifetime.ApplicationStopping;

    /// <param name="port">The loopback port of the HTTP server; 0 picks a free one.</param>
    /// <param name="mocks">The MockConfigFile test cases that <c>stateMachineArn#TestCase</c> selects, if any.</param>
    public static async Task<LocalServer> StartAsync(
        LocalCloudOptions cloudOptions, int port, MockConfiguration? mocks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloudOptions);
        // One host per state directory: a second would run the same executions twice.
        StateDirectoryLock? directoryLock = cloudOptions.StateDirectory is { } directory ? StateDirectoryLock.Acquire(directory) : null;
        LocalStateDatabase? database = null;
        LocalCloud? cloud = null;
        DynamoDbProxy? proxy = null;
        try
        {
            database = LocalStateDatabase.Open(cloudOptions.StateDirectory);

            // dynalite gets a port of its own; the port asked for is the proxy's, the endpoint users see.
            bool ownDynalite = cloudOptions.DynamoDbEndpoint is null;
            LocalCloudOptions withKey = cloudOptions with { TaskTokenKey = database.TaskTokenKey() };
            cloud = await LocalCloud.StartAsync(
                ownDynalite ? withKey with { DynamoDbPort = 0 } : withKey, cancellationToken).ConfigureAwait(false);
            proxy = ownDynalite
                ? await DynamoDbProxy.StartAsync(cloud.DynamoDbEndpoint, cloudOptions.DynamoDbPort, cancellationToken).ConfigureAwait(false)
                : null;
            var stateMachines = new StateMachineRegistry(cloudOptions.TimeProvider, database);
            var executions = new ExecutionStore(cloud.Engine, mocks, database, stateMachines, cloudOptions.TimeProvider);
            RegisterSaga(cloud, stateMachines);
            int resumed = executions.ResumeAll();

            WebApplication app = Build(cloud, cloudOptions, port, stateMachines, executions);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            return new LocalServer(app, cloud, new Uri(address), proxy, stateMachines, executions, database, directoryLock)
            {
                ResumedExecutions = resumed,
            };
        }
        catch
        {
            if (proxy is not null)
            {
                await proxy.DisposeAsync().ConfigureAwait(false);
            }

            if (cloud is not null)
            {
                await cloud.DisposeAsync().ConfigureAwait(false);
            }

            database?.Dispose();
            directoryLock?.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        if (dynamoDbProxy is not null)
        {
            await dynamoDbProxy.DisposeAsync().ConfigureAwait(false);
        }

        await Cloud.DisposeAsync().ConfigureAwait(false);
        // Executions still running stay RUNNING in the database and carry on at the next start.
        database.Dispose();
        directoryLock?.Dispose();
    }

    /// <summary>Registers the saga; a state directory from an earlier run gets the repository's current definition.</summary>
    private static void RegisterSaga(LocalCloud cloud, StateMachineRegistry stateMachines)
    {
        StateMachineArn arn = StepFunctionsArns.ParseStateMachine(cloud.SagaStateMachineArn);
        string roleArn = cloud.Arns.Role("LongLivedTransactionsSagaRole");
        if (stateMachines.TryGet(arn.Arn) is { IsDeleting: false } existing)
        {
            if (existing.DefinitionText != cloud.SagaDefinitionJson || existing.RoleArn != roleArn)
            {
                stateMachines.Update(arn, cloud.SagaDefinitionJson, roleArn, logging: null, tracing: null);
            }

            return;
        }

        if (stateMachines.TryGet(arn.Arn) is null)
        {
            stateMachines.Create(new StateMachineRegistry.Registration(
                arn,
                cloud.SagaDefinitionJson,
                roleArn,
                StateMachineRecord.Standard,
                Description: $"The order saga of {Path.GetFileName(cloud.SagaDefinitionFile)}.",
                LoggingConfiguration: null,
                TracingConfiguration: null));
        }
    }

    private static WebApplication Build(
        LocalCloud cloud, LocalCloudOptions options, int port, StateMachineRegistry stateMachines, ExecutionStore executions)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(LocalServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // A port already in use is reported by the up command in one line, not by the host's error log.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Loopback only: the endpoint accepts any credentials, so nothing outside this machine may reach it.
            kestrel.Listen(IPAddress.Loopback, port);
            // Above the APIs' own limits, so that a body over them is read to its end and refused with the API's error
            // (a server that answers before reading the body leaves the client with a broken connection).
            kestrel.Limits.MaxRequestBodySize = 32 * 1024 * 1024;
        });
        builder.Services.AddSingleton(new StepFunctionsApi(
            new StateMachineOperations(stateMachines, executions, cloud.Arns.AccountId),
            new ExecutionOperations(stateMachines, executions),
            new DefinitionOperations(new TestStateRunner(cloud.Engine, cloud.Arns.AccountId)),
            new CallbackOperations(cloud.Engine.Callbacks, executions, options.TimeProvider)));
        builder.Services.AddSingleton(services => new StepFunctionsEndpoint(
            services.GetRequiredService<StepFunctionsApi>(), cloud.Arns.Region, services.GetRequiredService<ILogger<StepFunctionsEndpoint>>()));
        builder.Services.AddSingleton(new LambdaEndpoint(cloud.Functions, cloud.Arns, options.TimeProvider));
        builder.Services.AddSingleton(new ConsoleEndpoint(options.RepositoryRoot, cloud.SagaStateMachineArn));
        builder.Services.AddSingleton(new ConsoleCallbacksEndpoint(cloud.Engine.Callbacks));
        builder.Services.AddSingleton(new ConsoleCheckEndpoint(cloud, stateMachines, executions, options.RepositoryRoot, options.TimeProvider));

        WebApplication app = builder.Build();
        var stepFunctions = app.Services.GetRequiredService<StepFunctionsEndpoint>();
        var lambda = app.Services.GetRequiredService<LambdaEndpoint>();
        var console = app.Services.GetRequiredService<ConsoleEndpoint>();
        var consoleCheck = app.Services.GetRequiredService<ConsoleCheckEndpoint>();
        var consoleCallbacks = app.Services.GetRequiredService<ConsoleCallbacksEndpoint>();
        app.Use(async (context, next) =>
        {
            bool lambdaApi = context.Request.Path.StartsWithSegments(LambdaEndpoint.ApiPrefix, StringComparison.Ordinal);
            bool stepFunctionsApi = context.Request.Path == "/" && HttpMethods.IsPost(context.Request.Method);

            // The console's check runs executions and its callback list shows task tokens, so both are guarded as the API is.
            bool guardedConsoleCall = (context.Request.Path == ConsoleCheckEndpoint.Path || context.Request.Path == ConsoleCallbacksEndpoint.Path)
                && HttpMethods.IsPost(context.Request.Method);
            if (await LocalRequestGuard.RefuseAsync(
                context, _ => lambdaApi || stepFunctionsApi || guardedConsoleCall, lambdaApi ? RefusalShape.LambdaRest : RefusalShape.AwsJson).ConfigureAwait(false))
            {
                return;
            }

            if (!lambdaApi && !stepFunctionsApi && !guardedConsoleCall)
            {
                // The console's pages: nothing but their own files, and never inside another site's frame.
                context.Response.Headers.ContentSecurityPolicy = LocalRequestGuard.ConsoleContentSecurityPolicy;
                context.Response.Headers.XFrameOptions = "DENY";
                context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Response.Headers["Referrer-Policy"] = "no-referrer";
            }

            await next(context).ConfigureAwait(false);
        });
        app.MapPost("/", stepFunctions.HandleAsync);
        app.MapPost(LambdaEndpoint.InvokePath, (HttpContext context, string functionName) => lambda.InvokeAsync(context, functionName));
        app.MapGet(LambdaEndpoint.ListPath, lambda.ListAsync);
        app.MapGet("/", ConsoleEndpoint.PageAsync);
        app.MapGet(ConsoleEndpoint.AssetPathPrefix + "scenarios", console.ScenariosAsync);
        app.MapPost(ConsoleCheckEndpoint.Path, consoleCheck.CheckAsync);
        app.MapPost(ConsoleCallbacksEndpoint.Path, consoleCallbacks.ListAsync);
        app.MapGet(ConsoleEndpoint.AssetPathPrefix + "{file}", (HttpContext context, string file) => ConsoleEndpoint.AssetAsync(context, file));
        return app;
    }
}
