using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LongLivedTransactions.Local;
using LongLivedTransactions.Local.Api;

// Usage: dotnet run -c Release --project bench/LongLivedTransactions.Local.MemoryFootprint [-- saga|pass [CHECKPOINTS...]]
//
// Starts a real `up` on a fresh state directory, starts executions through the HTTP API (32 at a time) and, at each
// checkpoint (default 10,000 and 50,000), waits until none is running and prints the host's resident memory (VmRSS
// from /proc) and the state database's size. "saga" runs the order saga (functions and dynalite); "pass" a
// ten-state Pass machine that measures the host alone.
string kind = args.Length > 0 ? args[0] : "saga";
int[] checkpoints = args.Length > 1 ? args[1..].Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [10_000, 50_000];
string stateDirectory = Path.Combine(Path.GetTempPath(), $"llt-memory-{Guid.NewGuid():N}");
string root = RepositoryRoot.Find();
string[] scenarios = Directory.GetFiles(Path.Combine(root, "events"), "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();

var startInfo = new ProcessStartInfo("dotnet")
{
    ArgumentList = { typeof(LocalServer).Assembly.Location, "up", "--port", "0", "--state-dir", stateDirectory },
    WorkingDirectory = root,
    RedirectStandardOutput = true,
    RedirectStandardError = true,
    UseShellExecute = false,
};
using Process up = Process.Start(startInfo)!;
var ready = new TaskCompletionSource<(Uri Endpoint, string Saga)>();
Uri? endpoint = null;
up.OutputDataReceived += (_, line) =>
{
    if (line.Data is null)
    {
        return;
    }

    if (Regex.Match(line.Data, @"^Step Functions API\s+(\S+)") is { Success: true } api)
    {
        endpoint = new Uri(api.Groups[1].Value);
    }
    else if (Regex.Match(line.Data, @"^State machine\s+(\S+)") is { Success: true } saga && endpoint is not null)
    {
        ready.TrySetResult((endpoint, saga.Groups[1].Value));
    }
};
up.ErrorDataReceived += (_, line) => Console.Error.WriteLine(line.Data);
up.BeginOutputReadLine();
up.BeginErrorReadLine();
var (url, sagaArn) = await ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromMinutes(2) };

// The endpoint refuses API calls without an AWS-style Authorization header (it does not check the signature).
http.DefaultRequestHeaders.TryAddWithoutValidation(
    "Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=00");

string machine = sagaArn;
if (kind == "pass")
{
    var states = new JsonObject();
    for (int i = 0; i < 10; i++)
    {
        states[$"Step{i}"] = i < 9
            ? new JsonObject { ["Type"] = "Pass", ["Result"] = new JsonObject { ["step"] = i }, ["ResultPath"] = $"$.step{i}", ["Next"] = $"Step{i + 1}" }
            : new JsonObject { ["Type"] = "Pass", ["End"] = true };
    }

    JsonObject created = await CallAsync("CreateStateMachine", new JsonObject
    {
        ["name"] = "MemoryPass",
        ["definition"] = new JsonObject { ["StartAt"] = "Step0", ["States"] = states }.ToJsonString(),
        ["roleArn"] = "arn:aws:iam::123456789012:role/local",
    });
    machine = created["stateMachineArn"]!.GetValue<string>();
}

Console.WriteLine($"{kind} executions, 32 at a time, on {stateDirectory}");
Console.WriteLine($"{"executions",10}  {"RSS MiB",8}  {"state.db MiB",12}  {"seconds",8}");
Console.WriteLine($"{0,10}  {RssMiB(up.Id),8:0.0}  {DatabaseMiB(),12:0.0}  {0,8:0.0}");
var clock = Stopwatch.StartNew();
int started = 0;
foreach (int checkpoint in checkpoints)
{
    int from = started;
    int next = from - 1;
    await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
    {
        for (int i = Interlocked.Increment(ref next); i < checkpoint; i = Interlocked.Increment(ref next))
        {
            string input = kind == "pass" ? "{}" : WithFreshOrderId(scenarios[i % scenarios.Length]);
            await CallAsync("StartExecution", new JsonObject { ["stateMachineArn"] = machine, ["name"] = $"m-{i}", ["input"] = input });
        }
    }));
    started = checkpoint;
    while ((await CallAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = machine, ["statusFilter"] = "RUNNING", ["maxResults"] = 1 }))
        ["executions"]!.AsArray().Count > 0)
    {
        await Task.Delay(200);
    }

    Console.WriteLine($"{checkpoint,10}  {RssMiB(up.Id),8:0.0}  {DatabaseMiB(),12:0.0}  {clock.Elapsed.TotalSeconds,8:0.0}");
}

up.Kill(entireProcessTree: true);
await up.WaitForExitAsync();
Directory.Delete(stateDirectory, recursive: true);
return 0;

async Task<JsonObject> CallAsync(string operation, JsonObject body)
{
    using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8) };
    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
    request.Headers.TryAddWithoutValidation("X-Amz-Target", $"AWSStepFunctions.{operation}");
    using HttpResponseMessage response = await http.SendAsync(request);
    string text = await response.Content.ReadAsStringAsync();
    return response.IsSuccessStatusCode ? JsonNode.Parse(text)!.AsObject() : throw new InvalidOperationException($"{operation}: {text}");
}

static double RssMiB(int pid)
{
    string line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    return long.Parse(Regex.Match(line, @"\d+").Value, CultureInfo.InvariantCulture) / 1024.0;
}

double DatabaseMiB() =>
    Directory.GetFiles(stateDirectory, "state.db*").Sum(f => new FileInfo(f).Length) / (1024.0 * 1024.0);

// A scenario's order with a fresh id that keeps the scenario's failure prefix (the first two characters).
static string WithFreshOrderId(string scenario)
{
    JsonObject order = JsonNode.Parse(scenario)!.AsObject();
    string id = order["order_id"]!.GetValue<string>();
    order["order_id"] = id[..2] + Guid.NewGuid().ToString()[2..];
    return order.ToJsonString();
}
