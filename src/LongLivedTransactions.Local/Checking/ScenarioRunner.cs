using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Api;
using LongLivedTransactions.Local.Workflow;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Execution;

namespace LongLivedTransactions.Local.Checking;

/// <summary>
/// Runs a scenario file as one execution of the graded definition on the local cloud (the real functions on dynalite)
/// and reads back the path and the records it left. An execution that does not end within the time limit (a loop, a
/// long Wait) is stopped.
/// </summary>
internal sealed class ScenarioRunner(LocalCloud cloud, StateMachineDefinition definition, string repositoryRoot, TimeSpan timeLimit)
{
    public async Task<(ScenarioRun Run, SagaRecords Records)> RunAsync(ScenarioExpectation scenario, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        string input = await File.ReadAllTextAsync(Path.Combine(repositoryRoot, scenario.File), cancellationToken).ConfigureAwait(false);
        string orderId = JsonNode.Parse(input)?["order_id"]?.GetValue<string>()
            ?? throw new JsonException($"{scenario.File} has no order_id.");
        Execution execution = cloud.StartSaga($"check-{scenario.Label}-{Guid.NewGuid().ToString("N")[..8]}", input, definition);

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
        return (new ScenarioRun(visits, ApiJson.StatusText(execution.Status), execution.Error, execution.Cause, stoppedAfter), records);
    }
}
