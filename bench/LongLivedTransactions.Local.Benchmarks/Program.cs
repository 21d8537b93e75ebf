using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using LongLivedTransactions.Local;
using LongLivedTransactions.Local.DynamoDb;

// Usage: dotnet run -c Release --project bench/LongLivedTransactions.Local.Benchmarks [-- CLIENTS STARTS DESCRIBES] [--in-memory] [--max-running N]
//
// Measures `up` under load, in its own process, against a dynalite this harness starts and measures too:
//   1. how many DynamoDB calls of each kind one successful saga makes (20 sagas in this process, through a counting
//      forwarder in front of dynalite);
//   2. dynalite's own ceiling: its PutItem, GetItem and Query rates with CLIENTS concurrent clients (the better of two
//      windows of 2 s each), and from them the sagas per second dynalite could serve at most;
//   3. `up` (a fresh state directory, or --in-memory) on that dynalite: the time to "Ready.", the p50/p99 latency of
//      StartExecution with CLIENTS clients sending STARTS requests (each starts a real saga), the sagas per second
//      from the first of those starts to the end of the last saga with the processor time each saga cost `up` and
//      dynalite, and, once they have ended, the p50/p99 latency of DESCRIBES DescribeExecution requests.
// Defaults: 16 clients, 1600 starts, 3200 describes. It prints each figure beside its target and exits by itself.
string[] positional = args.Where((arg, i) => !arg.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] != "--max-running")).ToArray();
int clients = ArgOrDefault(0, 16);
int starts = ArgOrDefault(1, 1600);
int describes = ArgOrDefault(2, 3200);
bool inMemory = args.Contains("--in-memory");
string? maxRunning = args.SkipWhile(arg => arg != "--max-running").Skip(1).FirstOrDefault();

string repositoryRoot = RepositoryRoot.Find();
string order = await File.ReadAllTextAsync(Path.Combine(repositoryRoot, "events", "07-order-succeeds.json"));
await using DynaliteServer dynalite = await DynaliteServer.StartAsync(repositoryRoot);

IReadOnlyDictionary<string, double> callsPerSaga = await CountCallsPerSagaAsync(dynalite.ServiceUrl, sagas: 20);
IReadOnlyDictionary<string, double> rates = await DynamoDbCeiling.MeasureAsync(dynalite.ServiceUrl, clients, TimeSpan.FromSeconds(2));
Console.WriteLine($"one saga makes {string.Join(", ", callsPerSaga.Select(call => $"{call.Value:0.#} {call.Key}"))}");
Console.WriteLine($"dynalite alone, {clients} clients: {string.Join(", ", rates.Select(rate => $"{rate.Key} {rate.Value:0}/s"))}");
// Each operation the saga makes costs dynalite 1/rate seconds of its time; an operation not measured costs what a PutItem does.
double dynaliteSecondsPerSaga = callsPerSaga.Sum(call => call.Value / rates.GetValueOrDefault(call.Key, rates["PutItem"]));
double ceiling = 1 / dynaliteSecondsPerSaga;
Console.WriteLine($"dynalite's ceiling: {ceiling:0} sagas/s");

string? stateDirectory = inMemory ? null : Directory.CreateTempSubdirectory("llt-bench-").FullName;
UpProcess server = await UpProcess.StartAsync(repositoryRoot, dynalite.ServiceUrl, stateDirectory, maxRunning, clients);
try
{
    Console.WriteLine($"up ({(inMemory ? "in memory" : "state directory " + stateDirectory)}): 'Ready.' after {server.ReadyAfter.TotalMilliseconds:0} ms");

    // Warm-up (JIT, connection pool, dynalite), ended before anything is measured: a quarter of the measured starts
    // and describes, so that the runtime has compiled the hot paths at their final tier before the clock starts
    // rather than while it runs (a method is recompiled after 30 calls and 100 ms without new methods).
    var warmUpArns = new System.Collections.Concurrent.ConcurrentBag<string>();
    await RunConcurrentlyAsync(Math.Max(starts / 4, clients), clients, async _ => warmUpArns.Add(await StartOneAsync()));
    await server.UntilNoneRunningAsync();
    string[] warmedUp = [.. warmUpArns];
    await RunConcurrentlyAsync(Math.Max(describes / 4, clients), clients, i =>
        server.CallAsync("DescribeExecution", new JsonObject { ["executionArn"] = warmedUp[i % warmedUp.Length] }));
    await Task.Delay(TimeSpan.FromSeconds(1));

    var startedArns = new System.Collections.Concurrent.ConcurrentBag<string>();
    TimeSpan upCpuBefore = CpuTime(server.ProcessId), dynaliteCpuBefore = CpuTime(dynalite.ProcessId);
    var throughput = Stopwatch.StartNew();
    List<double> startLatencies = await WithoutHarnessCollectionsAsync(
        () => RunConcurrentlyAsync(starts, clients, async _ => startedArns.Add(await StartOneAsync())));
    TimeSpan startsTook = throughput.Elapsed;
    await server.UntilNoneRunningAsync();
    double sagasPerSecond = starts / throughput.Elapsed.TotalSeconds;
    // Processor time, unlike elapsed time, barely changes with what else the machine runs.
    double upCpuPerSaga = (CpuTime(server.ProcessId) - upCpuBefore).TotalMilliseconds / starts;
    double dynaliteCpuPerSaga = (CpuTime(dynalite.ProcessId) - dynaliteCpuBefore).TotalMilliseconds / starts;
    Report("StartExecution", startLatencies, clients, "p99 target 10 ms");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"sagas end to end: {starts} in {throughput.Elapsed.TotalSeconds:0.00} s (the starts took {startsTook.TotalSeconds:0.00} s): {sagasPerSecond:0}/s, {sagasPerSecond / ceiling:P0} of dynalite's ceiling (target 80 %)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"processor time per saga (start included): up {upCpuPerSaga:0.00} ms, dynalite {dynaliteCpuPerSaga:0.00} ms"));

    string[] arns = [.. startedArns];
    List<double> describeLatencies = await WithoutHarnessCollectionsAsync(() => RunConcurrentlyAsync(describes, clients, i =>
        server.CallAsync("DescribeExecution", new JsonObject { ["executionArn"] = arns[i % arns.Length] })));
    Report("DescribeExecution", describeLatencies, clients, "p99 target 5 ms");
    return 0;
}
finally
{
    await server.DisposeAsync();
    if (stateDirectory is not null)
    {
        Directory.Delete(stateDirectory, recursive: true);
    }
}

async Task<IReadOnlyDictionary<string, double>> CountCallsPerSagaAsync(Uri dynaliteUrl, int sagas)
{
    using var forwarder = new CountingForwarder(dynaliteUrl);
    await using LocalCloud cloud = await LocalCloud.StartAsync(
        new LocalCloudOptions { RepositoryRoot = repositoryRoot, DynamoDbEndpoint = forwarder.Endpoint }, CancellationToken.None);
    IReadOnlyDictionary<string, int> before = forwarder.Snapshot();
    for (int i = 0; i < sagas; i++)
    {
        var saga = cloud.StartSaga($"calibration-{i}", OrderInput());
        await saga.Completion;
        if (saga.Status != LongLivedTransactions.StatesLanguage.Execution.ExecutionStatus.Succeeded)
        {
            throw new InvalidOperationException($"The calibration saga ended {saga.Status}: {saga.Error} {saga.Cause}");
        }
    }

    return forwarder.Snapshot().ToDictionary(
        count => count.Key, count => (count.Value - before.GetValueOrDefault(count.Key)) / (double)sagas, StringComparer.Ordinal)
        .Where(count => count.Value > 0).ToDictionary(StringComparer.Ordinal);
}

string OrderInput()
{
    // A fresh order id per execution; ids starting with '4' make no step fail.
    JsonObject input = JsonNode.Parse(order)!.AsObject();
    input["order_id"] = "4" + Guid.NewGuid().ToString()[1..];
    return input.ToJsonString();
}

async Task<string> StartOneAsync()
{
    JsonObject started = await server.CallAsync("StartExecution", new JsonObject
    {
        ["stateMachineArn"] = server.SagaStateMachineArn,
        ["input"] = OrderInput(),
    });
    return started["executionArn"]!.GetValue<string>();
}

// The harness's clients run on the same machine: a collection of the harness's own heap would stop every client at
// once and show as latency of `up`. So the measured phases run without one (a harness allocating more than the
// region's 256 MiB would get a collection anyway, and the line printed says so).
static async Task<List<double>> WithoutHarnessCollectionsAsync(Func<Task<List<double>>> measure)
{
    bool noCollections = GC.TryStartNoGCRegion(256L * 1024 * 1024);
    TimeSpan pausedBefore = GC.GetTotalPauseDuration();
    try
    {
        return await measure();
    }
    finally
    {
        if (noCollections && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
        {
            GC.EndNoGCRegion();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"(the harness's own collections paused its clients {(GC.GetTotalPauseDuration() - pausedBefore).TotalMilliseconds:0.0} ms while measuring)"));
    }
}

static async Task<List<double>> RunConcurrentlyAsync(int total, int clients, Func<int, Task> call)
{
    int next = -1;
    var latencies = new List<double>[clients];
    await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
    {
        latencies[client] = [];
        int index;
        while ((index = Interlocked.Increment(ref next)) < total)
        {
            long begin = Stopwatch.GetTimestamp();
            await call(index);
            latencies[client].Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
        }
    }));
    return latencies.SelectMany(l => l).ToList();
}

static void Report(string operation, List<double> latencies, int clients, string target)
{
    latencies.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{operation,-18} {clients} clients, {latencies.Count} requests: p50 {Percentile(latencies, 0.50):0.00} ms, p99 {Percentile(latencies, 0.99):0.00} ms ({target}), max {latencies[^1]:0.00} ms"));
}

static double Percentile(List<double> sorted, double fraction) =>
    sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];

static TimeSpan CpuTime(int processId)
{
    using Process process = Process.GetProcessById(processId);
    return process.TotalProcessorTime;
}

int ArgOrDefault(int index, int fallback) =>
    positional.Length > index ? int.Parse(positional[index], CultureInfo.InvariantCulture) : fallback;
