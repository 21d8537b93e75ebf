using System.Diagnostics;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.Local.Tests.Cli;

/// <summary>
/// Runs the Debian AWS CLI v2 (<c>/usr/bin/aws</c>; an older v1 may come first on PATH) against a local endpoint,
/// with throw-away credentials and no user configuration, from the repository root (so <c>file://events/...</c> works).
/// </summary>
public sealed class AwsCli(string repositoryRoot, Uri endpoint)
{
    public const string Executable = "/usr/bin/aws";

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public JsonObject Json => JsonNode.Parse(Output)!.AsObject();
    }

    /// <summary>Fails the test with the fix when the CLI is not installed (CI installs it; nothing passes silently).</summary>
    public static void RequireInstalled() =>
        Assert.True(File.Exists(Executable), $"{Executable} is missing: install the AWS CLI v2 with 'apt-get install -y awscli'.");

    public async Task<Result> RunAsync(params string[] arguments)
    {
        RequireInstalled();
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(endpoint.ToString().TrimEnd('/'));
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("json");
        start.Environment["AWS_ACCESS_KEY_ID"] = "local";
        start.Environment["AWS_SECRET_ACCESS_KEY"] = "local";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        start.Environment["AWS_PAGER"] = string.Empty;
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>Runs a command that must succeed and returns its JSON output.</summary>
    public async Task<JsonObject> JsonAsync(params string[] arguments)
    {
        Result result = await RunAsync(arguments);
        Assert.True(result.ExitCode == 0, $"aws {string.Join(' ', arguments)} exited with {result.ExitCode}: {result.Error}");
        return result.Json;
    }

    /// <summary>Polls describe-execution until the execution is no longer RUNNING (at most 30 s).</summary>
    public async Task<JsonObject> WaitForEndAsync(string executionArn)
    {
        for (int attempt = 0; attempt < 120; attempt++)
        {
            JsonObject description = await JsonAsync("stepfunctions", "describe-execution", "--execution-arn", executionArn);
            if (description["status"]!.GetValue<string>() != "RUNNING")
            {
                return description;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{executionArn} did not end within 30 s.");
    }
}
