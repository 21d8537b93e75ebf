using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Cli;

namespace LongLivedTransactions.Local.Tests.Saga;

/// <summary>The README's main command: every scenario file, one JSON line each.</summary>
public class RunCommandTests
{
    [Fact]
    public async Task Run_with_json_reports_every_scenario_with_its_expected_path()
    {
        IReadOnlyList<JsonObject> expected = LocalCloudFixture.ExpectedScenarios();
        string[] files = expected.Select(s => Path.Combine(LocalCloudFixture.RepositoryRoot, s["file"]!.GetValue<string>())).ToArray();
        using var output = new StringWriter();
        using var errors = new StringWriter();

        int exitCode = await RunCommand.ExecuteAsync([.. files, "--json"], output, errors, CancellationToken.None);

        Assert.True(exitCode == 0, errors.ToString());
        JsonObject[] reports = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!.AsObject()).ToArray();
        Assert.Equal(expected.Count, reports.Length);
        for (int i = 0; i < reports.Length; i++)
        {
            Assert.Equal(LocalCloudFixture.Strings(expected[i]["path"]), LocalCloudFixture.Strings(reports[i]["path"]));
            Assert.Equal(expected[i]["status"]!.GetValue<string>(), reports[i]["status"]!.GetValue<string>());
            Assert.Equal(expected[i]["error"]?.GetValue<string>(), reports[i]["error"]?.GetValue<string>());
            Assert.StartsWith("arn:aws:states:us-east-1:123456789012:execution:LongLivedTransactionsSaga:", reports[i]["executionArn"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Equal(expected[i]["records"]!["order_status"]!.GetValue<string>(), reports[i]["records"]!["order_status"]!.GetValue<string>());
            Assert.Equal(expected[i]["notifications"]!.AsArray().Count, reports[i]["notifications"]!.AsArray().Count);
        }
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_reported_and_makes_the_exit_code_non_zero()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        int exitCode = await RunCommand.ExecuteAsync(["no-such-scenario.json"], output, errors, CancellationToken.None);

        Assert.Equal(1, exitCode);
        Assert.Contains("no-such-scenario.json", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_input_that_is_not_json_cannot_start_and_is_reported()
    {
        string file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, "{ not json");
        using var output = new StringWriter();
        using var errors = new StringWriter();

        int exitCode = await RunCommand.ExecuteAsync([file], output, errors, CancellationToken.None);

        File.Delete(file);
        Assert.Equal(1, exitCode);
        Assert.Contains("could not start", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_file_is_a_usage_error()
    {
        using var errors = new StringWriter();
        Assert.Equal(2, await RunCommand.ExecuteAsync(["--json"], TextWriter.Null, errors, CancellationToken.None));
        Assert.Contains("Usage", errors.ToString(), StringComparison.Ordinal);
    }
}
