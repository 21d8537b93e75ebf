using System.Diagnostics;
using System.Globalization;
using LongLivedTransactions.Local.Api;
using LongLivedTransactions.Local.Faults;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;

namespace LongLivedTransactions.Local.Cli;

/// <summary>
/// <c>up [--port 8083] [--dynamodb-port N] [--dynamodb-endpoint URL] [--mock-config FILE] [--flavour jsonpath|jsonata |
/// --definition FILE] [--fault-rate R | --faults FILE] [--seed N]</c>: starts the local cloud (with the faults asked
/// for) and its HTTP server on 127.0.0.1, registers the saga (the chosen definition), prints the endpoints and the
/// saga's ARN, and serves until Ctrl-C.
/// Exit code 0 after a clean stop, 2 for bad usage or a definition that cannot be used.
/// </summary>
public static class UpCommand
{
    public const string Usage = "up [--port 8083] [--dynamodb-port N] [--dynamodb-endpoint URL] [--mock-config FILE] " + SagaDefinitionChoice.Usage + " " + FaultChoice.Usage;
    public const int DefaultPort = 8083;

    /// <summary>The line <c>up</c> prints once everything serves; scripts and the benchmark wait for it.</summary>
    public const string ReadyLine = "Ready.";

    public static async Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var started = Stopwatch.StartNew();

        int port = DefaultPort;
        int dynamoDbPort = 0;
        Uri? dynamoDbEndpoint = null;
        string? mockConfigFile = null;
        var definition = new SagaDefinitionChoice();
        var faults = new FaultChoice();
        for (int i = 0; i < args.Count; i++)
        {
            string? value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case var option when SagaDefinitionChoice.IsOption(option) || FaultChoice.IsOption(option):
                    if ((SagaDefinitionChoice.IsOption(option) ? definition.Take(option, value) : faults.Take(option, value)) is { } problem)
                    {
                        await errors.WriteLineAsync($"{problem} Usage: {Usage}").ConfigureAwait(false);
                        return 2;
                    }

                    i++;
                    break;
                case "--port" when TryParsePort(value, out int chosen):
                    port = chosen;
                    i++;
                    break;
                case "--dynamodb-port" when TryParsePort(value, out int chosen):
                    dynamoDbPort = chosen;
                    i++;
                    break;
                case "--dynamodb-endpoint" when Uri.TryCreate(value, UriKind.Absolute, out Uri? uri):
                    dynamoDbEndpoint = uri;
                    i++;
                    break;
                case "--mock-config" when value is not null:
                    mockConfigFile = value;
                    i++;
                    break;
                default:
                    await errors.WriteLineAsync($"Unknown or incomplete option '{args[i]}'. Usage: {Usage}").ConfigureAwait(false);
                    return 2;
            }
        }

        MockConfiguration? mocks = null;
        if (mockConfigFile is not null)
        {
            try
            {
                mocks = MockConfiguration.Parse(await File.ReadAllTextAsync(mockConfigFile, cancellationToken).ConfigureAwait(false));
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or FormatException)
            {
                await errors.WriteLineAsync($"{mockConfigFile}: not a usable mock configuration: {error.Message}").ConfigureAwait(false);
                return 2;
            }
        }

        (FaultPlan? plan, bool usable) = await faults.ResolveAsync(errors, cancellationToken).ConfigureAwait(false);
        var options = new LocalCloudOptions
        {
            RepositoryRoot = RepositoryRoot.Find(),
            DynamoDbPort = dynamoDbPort,
            DynamoDbEndpoint = dynamoDbEndpoint,
            Faults = plan,
        };
        if (!usable || await definition.CheckAsync(options.RepositoryRoot, options.Arns, errors).ConfigureAwait(false) is not { } definitionFile)
        {
            return 2;
        }

        options = options with { SagaDefinitionFile = definitionFile };
        LocalServer server;
        try
        {
            server = await LocalServer.StartAsync(options, port, mocks, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException error)
        {
            await errors.WriteLineAsync($"Could not listen on 127.0.0.1:{port}: {error.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (server.ConfigureAwait(false))
        {
            string endpoint = server.Endpoint.ToString().TrimEnd('/');
            await output.WriteLineAsync(string.Join(Environment.NewLine,
                $"Step Functions API  {endpoint}",
                $"Console             {endpoint}/",
                $"DynamoDB            {server.DynamoDbEndpoint.ToString().TrimEnd('/')}",
                $"Lambda              {endpoint}",
                $"State machine       {server.SagaStateMachineArn}",
                $"Faults              {plan?.Describe() ?? "none"}",
                $"{ReadyLine} Started in {started.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s; Ctrl-C stops everything.")).ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            // The host turns SIGTERM (a service manager, `kill`) into a stop, as Ctrl-C is: then everything stops,
            // dynalite included.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, server.Stopping);
            try
            {
                await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                await output.WriteLineAsync("Stopping.").ConfigureAwait(false);
            }
        }

        return 0;
    }

    private static bool TryParsePort(string? text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535;
}
