using System.Diagnostics;
using System.Text.Json;
using LongLivedTransactions.Jsonata.Tests.Support;

namespace LongLivedTransactions.Jsonata.Tests.Differential;

/// <summary>
/// The reference's answer to one case: a value (tagged JSON), or an error with its code (null when jsonata-js
/// crashed), or none when it did not finish (<paramref name="Hung"/>).
/// </summary>
internal sealed record ReferenceAnswer(JsonElement? Value, string? Code, string? Message, bool Hung = false)
{
    public bool IsError => Value is null && !Hung;
}

/// <summary>Runs a whole batch through jsonata-js 2.0.6 in one node process (Differential/reference.mjs).</summary>
internal static class ReferenceRunner
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static async Task<IReadOnlyList<ReferenceAnswer>> RunAsync(
        IReadOnlyList<string> documents, IReadOnlyList<(string Expression, int Document)> cases)
    {
        var package = Path.Combine(RepositoryPaths.RepositoryRoot, "node_modules", "jsonata", "package.json");
        if (!File.Exists(package))
        {
            throw new InvalidOperationException($"jsonata-js is not installed ({package} is missing): run `npm ci` at the repository root.");
        }

        var batchFile = Path.Combine(Path.GetTempPath(), $"jsonata-differential-{Guid.NewGuid():N}.json");
        var batch = new
        {
            documents,
            cases = cases.Select(c => new { expr = c.Expression, doc = c.Document }),
        };
        await File.WriteAllTextAsync(batchFile, JsonSerializer.Serialize(batch));
        try
        {
            var startInfo = new ProcessStartInfo("node")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                ArgumentList = { RepositoryPaths.TestProjectFile("Differential", "reference.mjs"), batchFile },
            };
            using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start node.");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(Limit);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"jsonata-js did not answer the batch within {Limit.TotalMinutes} minutes.");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"node exited with {process.ExitCode}: {await errors}");
            }

            using var answers = JsonDocument.Parse(await output);
            return answers.RootElement.EnumerateArray().Select(Read).ToArray();
        }
        finally
        {
            // JSONATA_DIFF_KEEP=1 keeps the batch to run reference.mjs on it by hand.
            if (Environment.GetEnvironmentVariable("JSONATA_DIFF_KEEP") != "1")
            {
                File.Delete(batchFile);
            }
        }
    }

    private static ReferenceAnswer Read(JsonElement answer) =>
        answer.TryGetProperty("hung", out _) ? new ReferenceAnswer(null, null, "did not finish", Hung: true)
        : answer.TryGetProperty("value", out var value) ? new ReferenceAnswer(value.Clone(), null, null)
        : new ReferenceAnswer(
                null,
                answer.GetProperty("code").ValueKind == JsonValueKind.String ? answer.GetProperty("code").GetString() : null,
                answer.GetProperty("message").GetString());
}
