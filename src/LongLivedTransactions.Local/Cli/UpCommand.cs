using System.Diagnostics;
using System.Globalization;
using LongLivedTransactions.Local.Api;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;

namespace LongLivedTransactions.Local.Cli;

/// <summary>
/// <c>up [--port 8083] [--dynamodb-port N] [--dynamodb-endpoint URL] [--mock-config FILE] [--state-dir DIR | --in-memory]</c>:
/// starts the local cloud and its HTTP server on 127.0.0.1, prints the endpoints and the saga's ARN, and serves until
/// Ctrl-C. State machines, executions, histories and dynalite's tables are kept in the state directory (default
/// <c>.local/</c> in the repository) and running executions carry on after a restart; <c>--in-memory</c> keeps
/// nothing. Exit code 0 after a clean stop, 1 when it cannot start, 2 for bad usage.
/// </summary>
public static class UpCommand
{
    public const string Usage =
        "up [--port 8083] [--dynamodb-port N] [--dynamodb-endpoint URL] [--mock-config FILE] [--state-dir DIR | --in-memory]";

    public const int DefaultPort = 8083;

    /// <summary>The state directory under the repository root when <c>--state-dir</c> is not given.</summary>
    public const string DefaultStateDirectory = ".local";

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
        string? stateDirectory = null;
        bool inMemory = false;
        for (int i = 0; i < args.Count; i++)
        {
            string? value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
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
                case "--state-dir" when !string.IsNullOrWhiteSpace(value) && !inMemory:
                    stateDirectory = value;
                    i++;
                    break;
                case "--in-memory" when stateDirectory is null:
                    inMemory = true;
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

        string repositoryRoot = RepositoryRoot.Find();
        string? stateDirectoryPath = inMemory ? null : Path.GetFullPath(stateDirectory ?? Path.Combine(repositoryRoot, DefaultStateDirectory));
        var options = new LocalCloudOptions
        {
            RepositoryRoot = repositoryRoot,
            DynamoDbPort = dynamoDbPort,
            DynamoDbEndpoint = dynamoDbEndpoint,
            StateDirectory = stateDirectoryPath,
        };
        LocalServer server;
        try
        {
            server = await LocalServer.StartAsync(options, port, mocks, cancellationToken).ConfigureAwait(false);
        }
        catch (Persistence.StateDirectoryInUseException error)
        {
            await errors.WriteLineAsync(error.Message).ConfigureAwait(false);
            return 1;
        }
        catch (IOException error)
        {
            await errors.WriteLineAsync($"Could not listen on 127.0.0.1:{port}: {error.Message}").ConfigureAwait(false);
            return 1;
        }
        catch (InvalidOperationException error)
        {
            await errors.WriteLineAsync($"Could not start: {error.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (server.ConfigureAwait(false))
        {
            string endpoint = server.Endpoint.ToString().TrimEnd('/');
            if (server.Cloud.StoppedLeftoverDynalitePid is { } leftover)
            {
                await output.WriteLineAsync($"Stopped dynalite pid {leftover}, left over from a run that did not stop cleanly.").ConfigureAwait(false);
            }

            string state = stateDirectoryPath is null
                ? "in memory (nothing is kept)"
                : $"{stateDirectoryPath} ({server.ResumedExecutions} running execution(s) resumed)";
            await output.WriteLineAsync(string.Join(Environment.NewLine,
                $"State               {state}",
                $"Step Functions API  {endpoint}",
                $"Console             {endpoint}/",
                $"DynamoDB            {server.Cloud.DynamoDbEndpoint.ToString().TrimEnd('/')}",
                $"Lambda              {endpoint}",
                $"State machine       {server.SagaStateMachineArn}",
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
