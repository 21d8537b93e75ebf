using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using LongLivedTransactions.Local;
using LongLivedTransactions.StatesLanguage.Execution;

// Usage: dotnet run -c Release --project bench/LongLivedTransactions.Local.SagaThroughput [-- EXECUTIONS]
//
// Starts the local cloud in this process (dynalite, tables, the six functions, the engine) and runs the seven
// scenarios in rotation, each time with a fresh order id that keeps the scenario's failure prefix, first one at a
// time and then 16 at a time. Prints executions and state transitions per second for each concurrency.
int executionsPerRound = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 700;

string root = RepositoryRoot.Find();
string[] scenarios = Directory.GetFiles(Path.Combine(root, "events"), "*.json").Order(StringComparer.Ordinal)
    .Select(File.ReadAllText).ToArray();

await using LocalCloud cloud = await LocalCloud.StartAsync(new LocalCloudOptions { RepositoryRoot = root }, CancellationToken.None);

await MeasureAsync("warm-up", concurrency: 4, executions: 70);
foreach (int concurrency in new[] { 1, 16 })
{
    await MeasureAsync($"concurrency {concurrency}", concurrency, executionsPerRound);
}

return 0;

async Task MeasureAsync(string label, int concurrency, int executions)
{
    int next = -1;
    long transitions = 0;
    int failedToRun = 0;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        for (int index = Interlocked.Increment(ref next); index < executions; index = Interlocked.Increment(ref next))
        {
            Execution execution = cloud.StartSaga($"bench-{Guid.NewGuid():N}", WithFreshOrderId(scenarios[index % scenarios.Length]));
            await execution.Completion;
            int entered = execution.GetHistory().Count(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal));
            Interlocked.Add(ref transitions, entered);
            if (execution.Status is not (ExecutionStatus.Succeeded or ExecutionStatus.Failed))
            {
                Interlocked.Increment(ref failedToRun);
            }
        }
    }));
    double seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{label,-16} {executions,5} executions in {seconds,6:F2} s: {executions / seconds,7:F1} executions/s, {transitions / seconds,8:F0} transitions/s, {failedToRun} ended otherwise than SUCCEEDED/FAILED"));
}

// The scenario's first two characters decide which step fails; the rest of the id is made unique.
static string WithFreshOrderId(string scenarioJson)
{
    JsonNode order = JsonNode.Parse(scenarioJson)!;
    string original = order["order_id"]!.GetValue<string>();
    order["order_id"] = original[..2] + Guid.NewGuid().ToString()[2..];
    return order.ToJsonString();
}
