using System.CommandLine;
using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using LongLivedTransactions.Local.DynamoDb;
using LongLivedTransactions.Local.Invariants;
using LongLivedTransactions.Local.Workflow;

namespace LongLivedTransactions.Local.Cli;

/// <summary>
/// <c>invariants --dynamodb-endpoint URL [--endpoint URL] [--state-machine-arn ARN]</c>: reads every execution of the saga
/// from a running <c>up</c> and the three tables, and reports each broken invariant with its order id. Exit code 0 when
/// they hold, 1 on any violation or execution that has not ended, 2 for bad usage or an endpoint that does not answer.
/// </summary>
public static class InvariantsCommand
{
    public const string Name = "invariants";
    public const string Usage = "invariants --dynamodb-endpoint URL [--endpoint http://127.0.0.1:8083] [--state-machine-arn ARN]";

    /// <summary>Parses the arguments that follow <c>invariants</c> and checks the running saga.</summary>
    public static Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken) =>
        LocalCommandLine.InvokeAsync(Create(output, errors), args, output, errors, cancellationToken);

    /// <summary>The <c>invariants</c> command: the report goes to <paramref name="output"/>, problems to <paramref name="errors"/>.</summary>
    public static Command Create(TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        Option<Uri?> dynamoDbEndpoint = OptionValues.DynamoDbEndpoint();
        dynamoDbEndpoint.Description = "The DynamoDB endpoint `up` printed.";
        dynamoDbEndpoint.Required = true;
        Option<Uri?> endpoint = OptionValues.Create<Uri>(
            "--endpoint",
            "URL",
            $"The Step Functions API `up` serves (default http://127.0.0.1:{UpCommand.DefaultPort}).",
            text => Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) ? (uri, null) : (null, $"--endpoint '{text}' is not an absolute URL."));
        Option<string?> stateMachineArn = OptionValues.Text("--state-machine-arn", "ARN", "The saga's state machine (default: the one `up` registers).");
        var command = new Command(Name, "Check the saga's invariants over the executions and the tables of a running `up`.")
        {
            dynamoDbEndpoint, endpoint, stateMachineArn,
        };
        command.SetAction((parsed, cancellationToken) => CheckAsync(
            parsed.GetValue(endpoint) ?? new Uri($"http://127.0.0.1:{UpCommand.DefaultPort}"),
            parsed.GetValue(dynamoDbEndpoint)!,
            parsed.GetValue(stateMachineArn) ?? new LocalArns().StateMachine(SagaDefinition.StateMachineName),
            output,
            errors,
            cancellationToken));
        return command;
    }

    private static async Task<int> CheckAsync(
        Uri endpoint, Uri dynamoDbEndpoint, string stateMachineArn, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        using AmazonDynamoDBClient dynamoDb = LocalDynamoDbClient.Create(dynamoDbEndpoint);
        var reader = new RunningSagaReader(http, endpoint, dynamoDb);
        IReadOnlyList<ExecutionSummary> executions;
        SagaTableSnapshot tables;
        try
        {
            executions = await reader.ReadExecutionsAsync(stateMachineArn, cancellationToken).ConfigureAwait(false);
            tables = await reader.ReadTablesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is HttpRequestException or AmazonServiceException or AmazonClientException)
        {
            await errors.WriteLineAsync($"Could not read the running saga: {error.Message}").ConfigureAwait(false);
            return 2;
        }

        InvariantReport report = InvariantChecker.Check(executions, tables);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"executions      {executions.Count}")).ConfigureAwait(false);
        foreach (string line in report.Lines(most: int.MaxValue))
        {
            await output.WriteLineAsync(line).ConfigureAwait(false);
        }

        return report.Holds ? 0 : 1;
    }
}
