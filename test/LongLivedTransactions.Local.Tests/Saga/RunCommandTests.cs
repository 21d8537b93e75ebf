using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Cli;

namespace LongLivedTransactions.Local.Tests.Saga;

/// <summary>The README's main command: every scenario file, one JSON line each.</summary>
public class RunCommandTests
{
    [Theory]
    [InlineData("")]
    [InlineData("--flavour jsonpath")]
    [InlineData("--flavour JSONata")]
    [InlineData("--definition statemachine/saga.jsonata.asl.json")]
    public async Task Run_with_json_reports_every_scenario_with_its_expected_path(string definitionOption)
    {
        string[] definitionOptions = definitionOption.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        IReadOnlyList<JsonObject> expected = LocalCloudFixture.ExpectedScenarios();
        string[] files = expected.Select(s => Path.Combine(LocalCloudFixture.RepositoryRoot, s["file"]!.GetValue<string>())).ToArray();
        string[] options = definitionOptions.Length == 2 && definitionOptions[0] == "--definition"
            ? ["--definition", Path.Combine(LocalCloudFixture.RepositoryRoot, definitionOptions[1])]
            : definitionOptions;
        using var output = new StringWriter();
        using var errors = new StringWriter();

        int exitCode = await RunCommand.ExecuteAsync([.. files, "--json", .. options], output, errors, CancellationToken.None);

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

    [Fact]
    public async Task A_definition_of_ones_own_in_yaml_runs_with_its_placeholders_resolved()
    {
        string definition = WriteTemporaryFile(".asl.yaml", """
            Comment: One step of the saga, as a user might try it.
            StartAt: CreateOrder
            States:
              CreateOrder:
                Type: Task
                Resource: arn:aws:states:::lambda:invoke
                Parameters:
                  FunctionName: ${NewOrderFunctionArn}
                  Payload.$: $
                OutputPath: $.Payload
                End: true
            """);
        using var output = new StringWriter();
        using var errors = new StringWriter();

        int exitCode = await RunCommand.ExecuteAsync(
            [Path.Combine(LocalCloudFixture.RepositoryRoot, "events/07-order-succeeds.json"), "--json", "--definition", definition],
            output, errors, CancellationToken.None);

        File.Delete(definition);
        Assert.True(exitCode == 0, errors.ToString());
        JsonObject report = JsonNode.Parse(output.ToString())!.AsObject();
        Assert.Equal(["CreateOrder"], LocalCloudFixture.Strings(report["path"]));
        Assert.Equal("SUCCEEDED", report["status"]!.GetValue<string>());
        Assert.Equal("New", report["records"]!["order_status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_definition_file_that_does_not_exist_is_refused_before_anything_starts()
    {
        using var errors = new StringWriter();

        int exitCode = await RunCommand.ExecuteAsync(
            ["events/07-order-succeeds.json", "--definition", "no-such-definition.asl.json"], TextWriter.Null, errors, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains("no-such-definition.asl.json: cannot read the definition", errors.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"StartAt":"Missing","States":{"A":{"Type":"Pass","End":true}}}""", "Invalid State Machine Definition")]
    [InlineData("""{"QueryLanguage":"JSONata","StartAt":"A","States":{"A":{"Type":"Pass","Output":"{% $states.input. %}","End":true}}}""", "INVALID_JSONATA_EXPRESSION")]
    [InlineData("""{"StartAt":"A","States":{"A":{"Type":"Task","Resource":"${NewOrderFunction}","End":true}}}""", "${NewOrderFunction}, which has no value")]
    [InlineData("not a definition", "Invalid State Machine Definition")]
    public async Task An_invalid_definition_is_refused_with_the_reason(string definitionText, string reason)
    {
        string definition = WriteTemporaryFile(".asl.json", definitionText);
        using var errors = new StringWriter();

        int exitCode = await RunCommand.ExecuteAsync(["events/07-order-succeeds.json", "--definition", definition], TextWriter.Null, errors, CancellationToken.None);

        File.Delete(definition);
        Assert.Equal(2, exitCode);
        Assert.Contains(definition, errors.ToString(), StringComparison.Ordinal);
        Assert.Contains(reason, errors.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--flavour", "jsonpointer" }, "--flavour 'jsonpointer' is not a flavour of the saga; use jsonpath or jsonata.")]
    [InlineData(new[] { "--flavour" }, "--flavour needs a value.")]
    [InlineData(new[] { "--definition", "--json" }, "--definition needs a value.")]
    [InlineData(new[] { "--flavour", "jsonata", "--definition", "statemachine/saga.asl.json" }, "Give either --flavour or --definition, not both.")]
    public async Task A_bad_definition_option_is_a_usage_error(string[] options, string message)
    {
        using var errors = new StringWriter();

        int exitCode = await RunCommand.ExecuteAsync(["events/07-order-succeeds.json", .. options], TextWriter.Null, errors, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("Usage", errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_a_fault_file_injects_its_faults_into_the_state_machines_calls()
    {
        // Every call of DebitPayment fails as the Lambda service would: retried three times, then compensated.
        string faults = WriteTemporaryFile(".json", """{"seed": 3, "functions": {"DebitPayment": {"serviceException": 1}}}""");
        using var output = new StringWriter();
        using var errors = new StringWriter();

        int exitCode = await RunCommand.ExecuteAsync(
            [Path.Combine(LocalCloudFixture.RepositoryRoot, "events/07-order-succeeds.json"), "--json", "--faults", faults], output, errors, CancellationToken.None);

        Assert.True(exitCode == 0, errors.ToString());
        Assert.Contains("faults  seed 3;", errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("own rates for DebitPayment", errors.ToString(), StringComparison.Ordinal);
        JsonObject report = JsonNode.Parse(output.ToString())!.AsObject();
        Assert.Equal("FAILED", report["status"]!.GetValue<string>());
        Assert.Equal("Lambda.ServiceException", report["error"]!.GetValue<string>());
        Assert.Equal(["ProcessOrder", "ProcessPayment", "ProcessRefund", "UpdateOrderStatus", "OrderFailed"], LocalCloudFixture.Strings(report["path"]));
        Assert.Equal("Pending", report["records"]!["order_status"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(new[] { "--fault-rate", "lots" }, "--fault-rate 'lots' is not a number from 0 to 1.")]
    [InlineData(new[] { "--fault-rate", "2" }, "'--fault-rate' must be a number from 0 to 1, got 2.")]
    [InlineData(new[] { "--seed", "x" }, "--seed 'x' is not a whole number.")]
    [InlineData(new[] { "--fault-rate", "0.1", "--faults", "faults.json" }, "Give either --fault-rate or --faults, not both.")]
    [InlineData(new[] { "--faults", "no-such-faults.json" }, "Not a usable fault configuration:")]
    public async Task A_bad_fault_option_is_a_usage_error(string[] options, string message)
    {
        using var errors = new StringWriter();

        int exitCode = await RunCommand.ExecuteAsync(["events/07-order-succeeds.json", .. options], TextWriter.Null, errors, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, errors.ToString(), StringComparison.Ordinal);
    }

    private static string WriteTemporaryFile(string extension, string text)
    {
        string file = Path.Combine(Path.GetTempPath(), $"saga-definition-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(file, text);
        return file;
    }
}
