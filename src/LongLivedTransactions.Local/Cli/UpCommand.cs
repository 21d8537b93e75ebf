using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using LongLivedTransactions.Local.Api;
using LongLivedTransactions.Local.Faults;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;

namespace LongLivedTransactions.Local.Cli;

/// <summary>
/// <c>up [--port 8083] [--dynamodb-port N] [--dynamodb-endpoint URL] [--mock-config FILE] [--state-dir DIR | --in-memory]
/// [--flavour jsonpath|jsonata | --definition FILE] [--fault-rate R | --faults FILE] [--seed N] [--time-scale F] [--max-running N]</c>:
/// starts the local cloud (with the faults and the time scale asked for) and its HTTP server on 127.0.0.1, registers the saga (the chosen definition),
/// prints the endpoints and the saga's ARN, and serves until Ctrl-C. State machines, executions, histories and
/// dynalite's tables are kept in the state directory (default <c>.local/</c> in the repository) and running executions
/// carry on after a restart; <c>--in-memory</c> keeps nothing.
/// Exit code 0 after a clean stop, 1 when it cannot start, 2 for bad usage or a definition that cannot be used.
/// </summary>
public static class UpCommand
{
    public const string Name = "up";
    public const string Usage =
        "up [--port 8083] [--dynamodb-port N] [--dynamodb-endpoint URL] [--mock-config FILE] " + StateOptions.Usage + " "
        + SagaDefinitionChoice.Usage + " " + FaultOptions.Usage + " " + TimeScaleOption.Usage + " [--max-running N]";
    public const int DefaultPort = 8083;

    /// <summary>
    /// How many executions do work at once unless <c>--max-running</c> says otherwise: enough to keep dynalite busy,
    /// few enough that the API's requests are not served behind the work of thousands of executions.
    /// </summary>
    public const int DefaultMaxRunning = 64;

    /// <summary>The line <c>up</c> prints once everything serves; scripts and the benchmark wait for it.</summary>
    public const string ReadyLine = "Ready.";

    /// <summary>Parses the arguments that follow <c>up</c> and serves until cancelled.</summary>
    public static Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken) =>
        LocalCommandLine.InvokeAsync(Create(output, errors), args, output, errors, cancellationToken);

    /// <summary>The <c>up</c> command, writing its endpoints to <paramref name="output"/> and its problems to <paramref name="errors"/>.</summary>
    public static Command Create(TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        Option<int?> port = PortOption("--port", $"The port of the Step Functions API, the Lambda API and the console (default {DefaultPort}; 0 picks a free one).");
        Option<int?> dynamoDbPort = PortOption("--dynamodb-port", "The port of the dynalite server this starts (default: a free one).");
        Option<Uri?> dynamoDbEndpoint = OptionValues.DynamoDbEndpoint();
        Option<int?> maxRunning = OptionValues.Create<int?>(
            "--max-running",
            "N",
            $"How many executions do work at once (default {DefaultMaxRunning}); the others wait their turn. Executions in a Wait state do not count.",
            text => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int bound) && bound >= 1
                ? (bound, null)
                : (null, $"--max-running '{text}' is not a whole number of 1 or more."));
        Option<string?> mockConfig = OptionValues.Text("--mock-config", "FILE", "A Step Functions Local MockConfigFile: its test cases are chosen with StateMachineArn#TestCase.");
        var state = new StateOptions();
        var definition = new SagaDefinitionOptions();
        var command = new Command(Name, "Serve the Step Functions API, the Lambda API and the web console on 127.0.0.1 until Ctrl-C.")
        {
            port, dynamoDbPort, dynamoDbEndpoint, mockConfig, maxRunning,
        };
        state.AddTo(command);
        definition.AddTo(command);
        var faults = new FaultOptions();
        faults.AddTo(command);
        var timeScale = new TimeScaleOption();
        timeScale.AddTo(command);
        command.SetAction((parsed, cancellationToken) => ServeAsync(
            new UpSettings(
                parsed.GetValue(port) ?? DefaultPort,
                parsed.GetValue(dynamoDbPort) ?? 0,
                parsed.GetValue(dynamoDbEndpoint),
                parsed.GetValue(mockConfig),
                state.Read(parsed),
                definition.Read(parsed),
                faults.Read(parsed),
                timeScale.Read(parsed),
                parsed.GetValue(maxRunning) ?? DefaultMaxRunning),
            output,
            errors,
            cancellationToken));
        return command;
    }

    private static async Task<int> ServeAsync(UpSettings settings, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        (int port, int dynamoDbPort, Uri? dynamoDbEndpoint, string? mockConfigFile, StateChoice stateChoice, SagaDefinitionChoice definition, FaultChoice faults, double timeScale, int maxRunning) = settings;
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
        string repositoryRoot = RepositoryRoot.Find();
        string? stateDirectoryPath = stateChoice.Resolve(repositoryRoot);
        var options = new LocalCloudOptions
        {
            RepositoryRoot = repositoryRoot,
            DynamoDbPort = dynamoDbPort,
            DynamoDbEndpoint = dynamoDbEndpoint,
            StateDirectory = stateDirectoryPath,
            Faults = plan,
            DelayScale = timeScale,
            MaxRunningExecutions = maxRunning,
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

    private static Option<int?> PortOption(string name, string description) =>
        OptionValues.Create<int?>(name, "N", description, text =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port <= 65535
                ? (port, null)
                : (null, $"{name} '{text}' is not a port number (0 to 65535)."));

    /// <summary>What the command line asked <c>up</c> for.</summary>
    private sealed record UpSettings(
        int Port, int DynamoDbPort, Uri? DynamoDbEndpoint, string? MockConfigFile, StateChoice State, SagaDefinitionChoice Definition, FaultChoice Faults, double TimeScale, int MaxRunning);
}
