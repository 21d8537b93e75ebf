using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LongLivedTransactions.Local;
using LongLivedTransactions.Local.Cli;

/// <summary>
/// A real <c>up</c> server in a child process (<c>--port 0</c>: it picks a free port and prints its endpoint), and a
/// Step Functions client for it. Disposing stops it as Ctrl-C does (SIGTERM), or kills it if it does not stop.
/// </summary>
internal sealed class UpProcess : IAsyncDisposable
{
    /// <summary>The line where <c>up</c> prints its endpoint, before "Ready.".</summary>
    private const string EndpointLine = "Step Functions API";

    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly SocketsHttpHandler _handler;

    private UpProcess(Process process, Uri endpoint, int clients, TimeSpan readyAfter)
    {
        _process = process;
        _handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        _http = new HttpClient(_handler) { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(60) };
        ReadyAfter = readyAfter;
    }

    /// <summary>The id of the <c>up</c> process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>From starting the process to its "Ready." line.</summary>
    public TimeSpan ReadyAfter { get; }

    public string SagaStateMachineArn { get; } = new LocalArns().StateMachine("LongLivedTransactionsSaga");

    public static async Task<UpProcess> StartAsync(string repositoryRoot, Uri dynamoDb, string? stateDirectory, string? maxRunning, int clients)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList =
            {
                Path.Combine(AppContext.BaseDirectory, "LongLivedTransactions.Local.dll"), "up",
                "--port", "0", "--dynamodb-endpoint", dynamoDb.ToString(),
            },
        };
        if (stateDirectory is null)
        {
            startInfo.ArgumentList.Add("--in-memory");
        }
        else
        {
            startInfo.ArgumentList.Add("--state-dir");
            startInfo.ArgumentList.Add(stateDirectory);
        }

        if (maxRunning is not null)
        {
            startInfo.ArgumentList.Add("--max-running");
            startInfo.ArgumentList.Add(maxRunning);
        }

        var launch = Stopwatch.StartNew();
        Process process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the up server.");
        var ready = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        Uri? endpoint = null;
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data?.StartsWith(EndpointLine, StringComparison.Ordinal) == true)
            {
                endpoint = new Uri(line.Data[EndpointLine.Length..].Trim());
            }
            else if (line.Data?.StartsWith(UpCommand.ReadyLine, StringComparison.Ordinal) == true)
            {
                ready.TrySetResult(launch.Elapsed);
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                Console.Error.WriteLine($"[up] {line.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        TimeSpan readyAfter = await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return new UpProcess(process, endpoint ?? throw new InvalidOperationException("up printed no Step Functions API line."), clients, readyAfter);
    }

    public async Task<JsonObject> CallAsync(string operation, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.0") };
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"AWSStepFunctions.{operation}");
        // The server asks for an Authorization header of the AWS form, as AWS does (it does not verify the signature).
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=0");
        using HttpResponseMessage response = await _http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!.AsObject()
            : throw new InvalidOperationException($"{operation} answered {(int)response.StatusCode}: {text}");
    }

    /// <summary>Returns once the saga state machine has no running execution.</summary>
    public async Task UntilNoneRunningAsync()
    {
        var running = new JsonObject { ["stateMachineArn"] = SagaStateMachineArn, ["statusFilter"] = "RUNNING", ["maxResults"] = 1 };
        while ((await CallAsync("ListExecutions", running.DeepClone().AsObject()))["executions"]!.AsArray().Count > 0)
        {
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        _handler.Dispose();
        if (!_process.HasExited)
        {
            using (Process? kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                if (kill is not null)
                {
                    await kill.WaitForExitAsync();
                }
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }
}
