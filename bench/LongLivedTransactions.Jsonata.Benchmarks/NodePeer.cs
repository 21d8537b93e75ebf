using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.Jsonata.Benchmarks;

internal sealed record NodeMeasurement(string Name, double NsPerEval, double CpuNsPerEval, string? Result);

/// <summary>Runs jsonata-bench.mjs (jsonata-js 2.0.6 from the repository's node_modules) on the same cases.</summary>
internal static class NodePeer
{
    public static async Task<IReadOnlyList<NodeMeasurement>> MeasureAsync(string repositoryRoot, IReadOnlyList<BenchmarkCase> cases, double seconds)
    {
        if (!File.Exists(Path.Combine(repositoryRoot, "node_modules", "jsonata", "package.json")))
        {
            Console.WriteLine("jsonata-js is not installed: run `npm ci` at the repository root. Node side skipped.");
            return [];
        }

        var batchFile = Path.Combine(Path.GetTempPath(), $"jsonata-bench-{Guid.NewGuid():N}.json");
        var batch = new JsonObject
        {
            ["seconds"] = seconds,
            ["cases"] = new JsonArray(cases.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                ["expr"] = c.Expression,
                ["input"] = c.InputJson?.DeepClone(),
                ["bindings"] = c.BindingsJson.DeepClone(),
            }).ToArray()),
        };
        await File.WriteAllTextAsync(batchFile, batch.ToJsonString());
        try
        {
            var startInfo = new ProcessStartInfo("node")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
                ArgumentList = { Path.Combine(repositoryRoot, "bench", "LongLivedTransactions.Jsonata.Benchmarks", "jsonata-bench.mjs"), batchFile },
            };
            using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node.");
            var output = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                Console.WriteLine($"node exited with {process.ExitCode}; node side skipped.");
                return [];
            }

            using var results = JsonDocument.Parse(output);
            return results.RootElement.EnumerateArray()
                .Select(r => new NodeMeasurement(
                    r.GetProperty("name").GetString()!,
                    r.GetProperty("nsPerEval").GetDouble(),
                    r.GetProperty("cpuNsPerEval").GetDouble(),
                    r.TryGetProperty("result", out var result) ? result.GetString() : null))
                .ToArray();
        }
        finally
        {
            File.Delete(batchFile);
        }
    }
}
