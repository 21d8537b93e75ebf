using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.Core.Json;
using LongLivedTransactions.Core.Model;
using LongLivedTransactions.Local.Api;
using LongLivedTransactions.Local.Faults;
using LongLivedTransactions.Local.Notifications;
using LongLivedTransactions.Local.Workflow;
using LongLivedTransactions.StatesLanguage.Execution;

namespace LongLivedTransactions.Local.Cli;

/// <summary>
/// <c>run FILE... [--json] [--dynamodb-endpoint URL] [--flavour jsonpath|jsonata | --definition FILE] [--fault-rate R |
/// --faults FILE] [--seed N] [--time-scale F]</c>: with the faults and the time scale asked for, runs each
/// scenario file as one execution of the saga on the local cloud and reports its path, status, error, notifications
/// and the records it left. Exit code 0 when every execution ran (whatever its outcome), 1 when one could not run,
/// 2 for bad usage or a definition that cannot be used.
/// </summary>
public static class RunCommand
{
    public const string Name = "run";
    public const string Usage =
        "run FILE... [--json] [--dynamodb-endpoint URL] " + SagaDefinitionChoice.Usage + " " + FaultOptions.Usage + " " + TimeScaleOption.Usage;

    // Plain characters ('+', quotes, accents) stay readable in the JSON lines.
    private static readonly ReportJsonContext ReportJson = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>Parses the arguments that follow <c>run</c> and runs the scenarios.</summary>
    public static Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken) =>
        LocalCommandLine.InvokeAsync(Create(output, errors), args, output, errors, cancellationToken);

    /// <summary>The <c>run</c> command, writing its reports to <paramref name="output"/> and its problems to <paramref name="errors"/>.</summary>
    public static Command Create(TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var files = new Argument<string[]>("FILE")
        {
            Description = "Scenario files (events/*.json): each is the input of one execution.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per scenario instead of the text report." };
        Option<Uri?> endpoint = OptionValues.DynamoDbEndpoint();
        var definition = new SagaDefinitionOptions();
        var command = new Command(Name, "Run each scenario file as one execution of the saga and report what happened.") { files, json, endpoint };
        definition.AddTo(command);
        var faults = new FaultOptions();
        faults.AddTo(command);
        var timeScale = new TimeScaleOption();
        timeScale.AddTo(command);
        command.Validators.Add(result =>
        {
            string[] given = result.GetValue(files) ?? [];
            // An option the command does not know arrives as a file name.
            foreach (string option in given.Where(file => file.StartsWith("--", StringComparison.Ordinal)))
            {
                result.AddError($"Unknown option '{option}'.");
            }

            if (given.Length == 0)
            {
                result.AddError("No scenario file given.");
            }
        });
        command.SetAction((parsed, cancellationToken) => RunAsync(
            parsed.GetValue(files)!,
            parsed.GetValue(json),
            parsed.GetValue(endpoint),
            definition.Read(parsed),
            faults.Read(parsed),
            timeScale.Read(parsed),
            output,
            errors,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        IReadOnlyList<string> files,
        bool json,
        Uri? endpoint,
        SagaDefinitionChoice definition,
        FaultChoice faults,
        double timeScale,
        TextWriter output,
        TextWriter errors,
        CancellationToken cancellationToken)
    {
        (FaultPlan? plan, bool usable) = await faults.ResolveAsync(errors, cancellationToken).ConfigureAwait(false);
        var options = new LocalCloudOptions { RepositoryRoot = RepositoryRoot.Find(), DynamoDbEndpoint = endpoint, Faults = plan, DelayScale = timeScale };
        if (!usable || await definition.CheckAsync(options.RepositoryRoot, options.Arns, errors).ConfigureAwait(false) is not { } definitionFile)
        {
            return 2;
        }

        if (plan is not null)
        {
            // On standard error, so that --json keeps one report per line on standard output.
            await errors.WriteLineAsync($"faults  {plan.Describe()}").ConfigureAwait(false);
        }

        await using LocalCloud cloud = await LocalCloud.StartAsync(options with { SagaDefinitionFile = definitionFile }, cancellationToken).ConfigureAwait(false);

        int exitCode = 0;
        foreach (string file in files)
        {
            ScenarioReport? report = await RunOneAsync(cloud, file, errors, cancellationToken).ConfigureAwait(false);
            if (report is null)
            {
                exitCode = 1;
                continue;
            }

            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(report, ReportJson.ScenarioReport)).ConfigureAwait(false);
            }
            else
            {
                await WriteTextAsync(output, report).ConfigureAwait(false);
            }
        }

        return exitCode;
    }

    /// <summary>Runs one file; returns null (after saying why) when the execution could not run.</summary>
    private static async Task<ScenarioReport?> RunOneAsync(LocalCloud cloud, string file, TextWriter errors, CancellationToken cancellationToken)
    {
        string input;
        try
        {
            input = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"{file}: cannot read the file: {error.Message}").ConfigureAwait(false);
            return null;
        }

        string executionName = $"{Path.GetFileNameWithoutExtension(file)}-{Guid.NewGuid().ToString("N")[..8]}";
        long notificationsBefore = cloud.Notifications.Messages.Recorded;
        Execution execution;
        try
        {
            execution = cloud.StartSaga(executionName, input);
        }
        catch (ArgumentException error)
        {
            await errors.WriteLineAsync($"{file}: the execution could not start: {error.Message}").ConfigureAwait(false);
            return null;
        }

        await execution.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);

        // Scenarios run one after another, so the messages published since this one started are its own.
        List<NotificationReport> notifications = cloud.Notifications.Messages
            .Since(notificationsBefore)
            .Select(message => new NotificationReport(message.TopicArn, ParseOrKeep(message.Message)))
            .ToList();

        string? orderId = ReadOrderId(input);
        SagaRecords records = orderId is null
            ? new SagaRecords(null, [], [])
            : await SagaRecords.ReadAsync(cloud.DynamoDb, cloud.TableNames, orderId, cancellationToken).ConfigureAwait(false);

        return new ScenarioReport(
            file,
            execution.ExecutionArn,
            ApiJson.StatusText(execution.Status),
            ExecutionPath.FromHistory(execution.GetHistory()),
            execution.Error,
            execution.Cause,
            notifications,
            new RecordsReport(records.OrderStatus, records.Payments, records.InventoryTransactions));
    }

    private static string? ReadOrderId(string input)
    {
        try
        {
            return JsonSerializer.Deserialize(input, SagaJsonContext.Default.Order)?.OrderId;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static JsonNode? ParseOrKeep(string message)
    {
        try
        {
            return JsonNode.Parse(message);
        }
        catch (JsonException)
        {
            return JsonValue.Create(message);
        }
    }

    private static async Task WriteTextAsync(TextWriter output, ScenarioReport report)
    {
        var lines = new List<string>
        {
            report.File,
            $"  execution     {report.ExecutionArn}",
            $"  path          {string.Join(" → ", report.Path)}",
            $"  status        {report.Status}",
        };
        if (report.Error is not null)
        {
            lines.Add($"  error         {report.Error}");
            lines.Add($"  cause         {ErrorCause.Readable(report.Cause)}");
        }

        lines.Add(report.Notifications.Count == 0
            ? "  notification  (none)"
            : string.Join(Environment.NewLine, report.Notifications.Select(n => $"  notification  {Summarize(n.Message)}")));
        lines.Add($"  order         {report.Records.OrderStatus ?? "(none)"}");
        lines.Add($"  payments      {Describe(report.Records.Payments.Select(p => $"{p.PaymentType} {p.PaymentAmount.ToString(CultureInfo.InvariantCulture)}"))}");
        lines.Add($"  inventory     {Describe(report.Records.Inventory.Select(t => $"{t.TransactionType} [{string.Join(", ", t.Items)}]"))}");
        lines.Add(string.Empty);
        await output.WriteLineAsync(string.Join(Environment.NewLine, lines)).ConfigureAwait(false);
    }

    /// <summary>The saga's messages are {order_id, status, failed_step, error}; the full text is in --json.</summary>
    private static string Summarize(JsonNode? message) =>
        message is JsonObject fields
            ? string.Join(" ", new[] { fields["status"], fields["failed_step"], fields["error"]?["Error"] }.OfType<JsonNode>().Select(f => f.ToString()))
            : message?.ToString() ?? "(empty)";

    private static string Describe(IEnumerable<string> items)
    {
        string text = string.Join(", ", items);
        return text.Length == 0 ? "(none)" : text;
    }
}
