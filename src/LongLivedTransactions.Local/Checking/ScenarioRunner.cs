using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Api;
using LongLivedTransactions.Local.Workflow;
using LongLivedTransactions.StatesLanguage.Execution;

namespace LongLivedTransactions.Local.Checking;

/// <summary>
/// Runs a scenario file as one execution of the graded definition on the local cloud (the real functions on dynalite)
/// and reads back the path and the records it left. An execution that does not end within the time limit (a loop, a
/// long Wait) is stopped.
/// </summary>
/// <param name="start">Starts an execution of the graded definition: execution name, input.</param>
internal sealed class ScenarioRunner(LocalCloud cloud, Func<string, string, Execution> start, string repositoryRoot, TimeSpan timeLimit)
{
    public async Task<(ScenarioRun Run, SagaRecords Records)> RunAsync(ScenarioExpectation scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var input = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(repositoryRoot, scenario.File), cancellationToken).ConfigureAwait(false)) as JsonObject;
        string orderId = input?["order_id"]?.GetValue<string>() ?? throw new JsonException($"{scenario.File} has no order_id.");

        // Tables may already hold this scenario's order from an earlier run (the console checks on the tables of `up`):
        // each run gets an order of its own, whose id keeps the prefix that chooses the step that fails.
        orderId = FreshOrderId(orderId);
        input["order_id"] = orderId;
        string executionName = $"{Path.GetFileNameWithoutExtension(scenario.File)}-{Guid.NewGuid().ToString("N")[..8]}";
        Execution execution = start(executionName, input.ToJsonString());

        TimeSpan? stoppedAfter = null;
        try
        {
            await execution.Completion.WaitAsync(timeLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            execution.Stop("States.Aborted", $"The check stopped the execution after {timeLimit.TotalSeconds:0} s.");
            stoppedAfter = timeLimit;
        }
        catch (OperationCanceledException)
        {
            execution.Stop(null, null);
            throw;
        }

        IReadOnlyList<StateVisit> visits = ExecutionVisits.FromHistory(execution.GetHistory(), execution.Error, execution.Cause);
        SagaRecords records = await SagaRecords.ReadAsync(cloud.DynamoDb, cloud.TableNames, orderId, cancellationToken).ConfigureAwait(false);
        var run = new ScenarioRun(visits, ApiJson.StatusText(execution.Status), execution.Error, execution.Cause, stoppedAfter, execution.ExecutionArn);
        return (run, records);
    }

    /// <summary>The order id with its last group replaced by a new one: <c>222f741b-…-503f92486955</c> → <c>222f741b-…-&lt;new&gt;</c>.</summary>
    private static string FreshOrderId(string orderId)
    {
        int lastDash = orderId.LastIndexOf('-');
        return $"{(lastDash < 0 ? orderId + "-" : orderId[..(lastDash + 1)])}{Guid.NewGuid().ToString("N")[..12]}";
    }
}
