using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Benchmarks;

/// <summary>What aws-local-stepfunctions measured for one scenario, or why it did not run.</summary>
internal sealed record PeerMeasurement(double ExecutionsPerSecond, double ExecutionsPerCpuSecond, string Status);

/// <summary>
/// Runs peer-bench.mjs: aws-local-stepfunctions 3 (from the repository's node_modules) on the same definition, input and
/// in-memory task answers, in the same run as our engine.
/// </summary>
internal static class PeerEngine
{
    public static string NodeVersion()
    {
        var startInfo = new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true, UseShellExecute = false };
        using var process = Process.Start(startInfo);
        return process?.StandardOutput.ReadToEnd().Trim() ?? "?";
    }

    public static async Task<PeerMeasurement?> MeasureAsync(string definition, string input, string? failingFunction, string? failingError, double seconds)
    {
        var root = SagaMachine.RepositoryRoot;
        if (!File.Exists(Path.Combine(root, "node_modules", "aws-local-stepfunctions", "package.json")))
        {
            Console.WriteLine("  aws-local-stepfunctions is not installed: run `npm ci` at the repository root. Peer skipped.");
            return null;
        }

        var batchFile = Path.Combine(Path.GetTempPath(), $"peer-bench-{Guid.NewGuid():N}.json");
        var batch = new JsonObject
        {
            ["seconds"] = seconds,
            ["definition"] = definition,
            ["input"] = input,
            ["failingFunction"] = failingFunction,
            ["failingError"] = failingError,
        };
        await File.WriteAllTextAsync(batchFile, batch.ToJsonString());
        try
        {
            var startInfo = new ProcessStartInfo("node")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
                WorkingDirectory = root,
                ArgumentList = { Path.Combine(root, "bench", "LongLivedTransactions.StatesLanguage.Benchmarks", "peer-bench.mjs"), batchFile },
            };
            using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node.");
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                Console.WriteLine($"  node exited with {process.ExitCode}; peer skipped.");
                return null;
            }

            using var result = JsonDocument.Parse(output);
            var answer = result.RootElement;
            return new PeerMeasurement(
                answer.GetProperty("executionsPerSecond").GetDouble(),
                answer.GetProperty("executionsPerCpuSecond").GetDouble(),
                answer.GetProperty("status").GetString()!);
        }
        finally
        {
            File.Delete(batchFile);
        }
    }
}
