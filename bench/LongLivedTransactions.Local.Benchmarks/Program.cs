using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using LongLivedTransactions.Local;
using LongLivedTransactions.Local.Cli;

// Usage: dotnet run -c Release --project bench/LongLivedTransactions.Local.Benchmarks [-- CLIENTS STARTS DESCRIBES]
//
// Starts `LongLivedTransactions.Local up` in a child process on a free loopback port and reports:
//   - the time from starting the process to the "Ready." line, and to the first answered API call;
//   - p50/p99 latency of StartExecution, then (once those sagas have ended) DescribeExecution, with CLIENTS concurrent clients (default 16),
//     STARTS and DESCRIBES requests in all (default 1600 and 3200), after a short warm-up.
// Every StartExecution runs a real saga (functions, dynalite) in the server, as a user's would. The harness stops
// the server (SIGTERM, as Ctrl-C) and exits by itself.
int clients = ArgOrDefault(0, 16);
int starts = ArgOrDefault(1, 1600);
int describes = ArgOrDefault(2, 3200);

string repositoryRoot = RepositoryRoot.Find();
string serverAssembly = Path.Combine(AppContext.BaseDirectory, "LongLivedTransactions.Local.dll");
int port = FreeLoopbackPort();
var endpoint = new Uri($"http://127.0.0.1:{port}/");
string stateMachineArn = new LocalArns().StateMachine("LongLivedTransactionsSaga");
string order = await File.ReadAllTextAsync(Path.Combine(repositoryRoot, "events", "07-order-succeeds.json"));

var startInfo = new ProcessStartInfo("dotnet")
{
    WorkingDirectory = repositoryRoot,
    RedirectStandardOutput = true,
    RedirectStandardError = true,
    UseShellExecute = false,
    ArgumentList = { serverAssembly, "up", "--port", port.ToString(CultureInfo.InvariantCulture), "--in-memory" },
};
var launch = Stopwatch.StartNew();
using Process server = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the up server.");
var ready = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
server.OutputDataReceived += (_, line) =>
{
    if (line.Data?.StartsWith(UpCommand.ReadyLine, StringComparison.Ordinal) == true)
    {
        ready.TrySetResult(launch.Elapsed);
    }
};
server.ErrorDataReceived += (_, line) =>
{
    if (line.Data is not null)
    {
        Console.Error.WriteLine($"[up] {line.Data}");
    }
};
server.BeginOutputReadLine();
server.BeginErrorReadLine();

using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
using var http = new HttpClient(handler) { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(60) };
try
{
    TimeSpan readyLine = await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
    await CallAsync("ListStateMachines", []);
    TimeSpan firstAnswer = launch.Elapsed;
    Console.WriteLine($"up: 'Ready.' after {Ms(readyLine)} ms; first API answer after {Ms(firstAnswer)} ms (process start included)");

    // Warm-up: JIT, connection pool, dynalite.
    await RunConcurrentlyAsync(clients * 4, clients, _ => StartOneAsync());

    var startedArns = new System.Collections.Concurrent.ConcurrentBag<string>();
    List<double> startLatencies = await RunConcurrentlyAsync(starts, clients, async _ => startedArns.Add(await StartOneAsync()));
    Report("StartExecution", startLatencies, clients);

    // DescribeExecution is measured once the sagas started above have ended, so that it measures the API call
    // rather than the background load (which StartExecution's figures include).
    var drain = Stopwatch.StartNew();
    while ((await CallAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = stateMachineArn, ["statusFilter"] = "RUNNING", ["maxResults"] = 1 }))["executions"]!.AsArray().Count > 0)
    {
        await Task.Delay(100);
    }

    Console.WriteLine($"all {startLatencies.Count + clients * 4} sagas ended {Ms(drain.Elapsed)} ms after the last StartExecution answer");

    string[] arns = [.. startedArns];
    List<double> describeLatencies = await RunConcurrentlyAsync(describes, clients, i =>
        CallAsync("DescribeExecution", new JsonObject { ["executionArn"] = arns[i % arns.Length] }));
    Report("DescribeExecution", describeLatencies, clients);
    return 0;
}
finally
{
    await StopAsync(server);
}

async Task<string> StartOneAsync()
{
    // A fresh order id per execution; ids starting with '4' make no step fail.
    string orderId = "4" + Guid.NewGuid().ToString()[1..];
    JsonObject input = JsonNode.Parse(order)!.AsObject();
    input["order_id"] = orderId;
    JsonObject started = await CallAsync("StartExecution", new JsonObject
    {
        ["stateMachineArn"] = stateMachineArn,
        ["input"] = input.ToJsonString(),
    });
    return started["executionArn"]!.GetValue<string>();
}

async Task<JsonObject> CallAsync(string operation, JsonObject body)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.0") };
    request.Headers.TryAddWithoutValidation("X-Amz-Target", $"AWSStepFunctions.{operation}");
    using HttpResponseMessage response = await http.SendAsync(request);
    string text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"{operation} answered {(int)response.StatusCode}: {text}");
    }

    return JsonNode.Parse(text)!.AsObject();
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

static void Report(string operation, List<double> latencies, int clients)
{
    latencies.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{operation,-18} {clients} clients, {latencies.Count} requests: p50 {Percentile(latencies, 0.50):0.00} ms, p99 {Percentile(latencies, 0.99):0.00} ms, max {latencies[^1]:0.00} ms"));
}

static double Percentile(List<double> sorted, double fraction) =>
    sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];

static async Task StopAsync(Process server)
{
    if (server.HasExited)
    {
        return;
    }

    // SIGTERM stops the up server as Ctrl-C does (dynalite included); kill the tree only if it does not stop.
    using (Process? kill = Process.Start("kill", ["-TERM", server.Id.ToString(CultureInfo.InvariantCulture)]))
    {
        if (kill is not null)
        {
            await kill.WaitForExitAsync();
        }
    }

    using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
    try
    {
        await server.WaitForExitAsync(timeout.Token);
    }
    catch (OperationCanceledException)
    {
        server.Kill(entireProcessTree: true);
    }
}

static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);

static int FreeLoopbackPort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

int ArgOrDefault(int index, int fallback) =>
    args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
