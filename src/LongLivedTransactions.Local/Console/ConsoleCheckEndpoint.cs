using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Api;
using LongLivedTransactions.Local.Checking;
using Microsoft.AspNetCore.Http;

namespace LongLivedTransactions.Local.Console;

/// <summary>
/// The console's "Check a state machine" page: <c>POST /console/check</c> with <c>{"definition": "...", "values":
/// ["NAME=ARN", ...]}</c> grades a pasted definition as <c>check</c> does, on this server's own functions and tables. The
/// definition is registered as a state machine of its own (<c>check-…</c>) and each scenario runs as one of its
/// executions, so the page links every scenario to its graph. Like the API, the call needs an AWS-style Authorization
/// header; errors are answered as the Step Functions API answers them.
/// </summary>
internal sealed class ConsoleCheckEndpoint(
    LocalCloud cloud, StateMachineRegistry stateMachines, ExecutionStore executions, string repositoryRoot, TimeProvider timeProvider)
{
    public const string Path = ConsoleEndpoint.AssetPathPrefix + "check";

    /// <summary>AWS's limit on a definition: 1,048,576 characters.</summary>
    private const int MaxDefinitionCharacters = 1024 * 1024;

    public async Task CheckAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string response;
        try
        {
            JsonObject body = await StepFunctionsEndpoint.ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            (string definition, Dictionary<string, string> values) = ReadRequest(body);
            response = await CheckAsync(definition, values, context.RequestAborted).ConfigureAwait(false);
        }
        catch (StepFunctionsException error)
        {
            context.Response.StatusCode = error.StatusCode;
            context.Response.Headers["x-amzn-ErrorType"] = error.ErrorType;
            response = new JsonObject { ["__type"] = error.ErrorType, ["message"] = error.Message }.ToJsonString();
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<string> CheckAsync(string definition, Dictionary<string, string> values, CancellationToken cancellationToken)
    {
        var checker = new DefinitionChecker(repositoryRoot, TextWriter.Null);
        CheckPlan plan;
        try
        {
            plan = checker.Plan("the pasted definition", definition, cloud.Arns, values);
        }
        catch (CheckInputException error)
        {
            throw StepFunctionsErrors.OperationValidation(error.Message);
        }

        StateMachineRecord? machine = plan.Runnable is { } runnable ? stateMachines.Create(Registration(runnable.Json)) : null;
        CheckReport report = machine is null
            ? plan.Report([])
            : await checker.RunAsync(plan, cloud, (name, input) => executions.StartRunning(machine, machine.Arn, name, input), cancellationToken).ConfigureAwait(false);
        var result = new ConsoleCheckResult(machine?.Arn.Arn, report);
        return JsonSerializer.Serialize(result, CheckReportJsonContext.Readable.ConsoleCheckResult);
    }

    /// <summary>A state machine of its own for each check, named after the time it ran.</summary>
    private StateMachineRegistry.Registration Registration(string definitionJson)
    {
        string stamp = timeProvider.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        string name = $"check-{stamp}-{Guid.NewGuid().ToString("N")[..6]}";
        return new StateMachineRegistry.Registration(
            StepFunctionsArns.ParseStateMachine(cloud.Arns.StateMachine(name)),
            definitionJson,
            cloud.Arns.Role("LongLivedTransactionsSagaRole"),
            StateMachineRecord.Standard,
            Description: "A definition checked from the console, with its placeholders resolved.",
            LoggingConfiguration: null,
            TracingConfiguration: null);
    }

    private static (string Definition, Dictionary<string, string> Values) ReadRequest(JsonObject body)
    {
        if (body["definition"] is not JsonValue text || !text.TryGetValue(out string? definition) || string.IsNullOrWhiteSpace(definition))
        {
            throw StepFunctionsErrors.OperationValidation("The request needs a definition: {\"definition\": \"<the state machine, JSON or YAML>\"}.");
        }

        if (definition.Length > MaxDefinitionCharacters)
        {
            throw StepFunctionsErrors.OperationValidation($"The definition is longer than {MaxDefinitionCharacters} characters.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (body["values"] is { } given)
        {
            // The lines of the Values field, each read as `check --set` reads its argument.
            foreach (JsonNode? line in given as JsonArray ?? throw StepFunctionsErrors.OperationValidation("values must be a list of NAME=ARN lines."))
            {
                string assignment = line is JsonValue value && value.TryGetValue(out string? lineText) ? lineText : line?.ToJsonString() ?? "null";
                (string name, string arn) = PlaceholderAssignment.Parse(assignment)
                    ?? throw StepFunctionsErrors.OperationValidation($"'{assignment}' is not NAME=ARN (a function name or ARN, or a topic ARN).");
                values[name] = arn;
            }
        }

        return (definition, values);
    }
}

/// <summary>The console check's answer: the state machine its scenarios ran on (none when the definition cannot run), and the report.</summary>
internal sealed record ConsoleCheckResult(string? StateMachineArn, CheckReport Report);
