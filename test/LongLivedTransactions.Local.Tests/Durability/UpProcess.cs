using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LongLivedTransactions.Local.Api;
using LongLivedTransactions.Local.Tests.Api;
using LongLivedTransactions.Local.Cli;

namespace LongLivedTransactions.Local.Tests.Durability;

/// <summary>A real <c>up</c> process (the built host, started with dotnet) on a state directory, on a free port.</summary>
internal sealed partial class UpProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private UpProcess(Process process) => this.process = process;

    public Uri Endpoint { get; private set; } = null!;

    public Uri DynamoDbEndpoint { get; private set; } = null!;

    public int ResumedExecutions { get; private set; }

    public int Pid => process.Id;

    public HttpClient Http { get; } = LocalServerFixture.CreateSigningClient();

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static async Task<UpProcess> StartAsync(string stateDirectory, params string[] extraArguments)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(LocalServer).Assembly.Location, "up", "--port", "0", "--state-dir", stateDirectory },
            WorkingDirectory = RepositoryRoot.Find(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in extraArguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var up = new UpProcess(Process.Start(startInfo)!);
        up.process.OutputDataReceived += (_, line) => up.OnLine(line.Data);
        up.process.ErrorDataReceived += (_, line) => up.OnLine(line.Data);
        up.process.BeginOutputReadLine();
        up.process.BeginErrorReadLine();
        Task exited = up.process.WaitForExitAsync();
        Task first = await Task.WhenAny(up.ready.Task, exited, Task.Delay(TimeSpan.FromMinutes(2)));
        Assert.True(first == up.ready.Task, $"up did not become ready:\n{up.Log}");
        return up;
    }

    /// <summary>kill -9: the process ends at once, whatever it was doing.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a service manager stops it; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        using (Process kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public async Task<JsonObject> CallOkAsync(string operation, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"AWSStepFunctions.{operation}");
        using HttpResponseMessage response = await Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{operation} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }

        if (EndpointLine().Match(line) is { Success: true } api)
        {
            Endpoint = new Uri(api.Groups[1].Value);
        }
        else if (DynamoDbLine().Match(line) is { Success: true } dynamo)
        {
            DynamoDbEndpoint = new Uri(dynamo.Groups[1].Value);
        }
        else if (ResumedLine().Match(line) is { Success: true } resumed)
        {
            ResumedExecutions = int.Parse(resumed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (line.StartsWith(UpCommand.ReadyLine, StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }

    [GeneratedRegex(@"^Step Functions API\s+(\S+)")]
    private static partial Regex EndpointLine();

    [GeneratedRegex(@"^DynamoDB\s+(\S+)")]
    private static partial Regex DynamoDbLine();

    [GeneratedRegex(@"\((\d+) running execution\(s\) resumed\)")]
    private static partial Regex ResumedLine();
}
