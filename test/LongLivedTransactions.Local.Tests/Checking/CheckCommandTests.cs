using System.Text;
using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Cli;
using LongLivedTransactions.Local.Tests.Saga;

namespace LongLivedTransactions.Local.Tests.Checking;

/// <summary>
/// <c>check</c> grades the repository's two definitions, a 2018-style one and hand-built ones as right, and each broken
/// variant (the repository's definition with one flaw) as wrong, with the explanation the flaw deserves.
/// </summary>
public sealed class CheckCommandTests
{
    private static readonly string[] AllScenarios = ["01", "02", "03", "04", "05", "06", "07"];

    [Theory]
    [InlineData("statemachine/saga.asl.json", "JSONPath")]
    [InlineData("statemachine/saga.jsonata.asl.json", "JSONata")]
    public async Task The_repositorys_definitions_are_right_in_every_scenario_and_need_no_advice(string file, string queryLanguage)
    {
        CheckResult result = await CheckFileAsync(Path.Combine(LocalCloudFixture.RepositoryRoot, file));

        Assert.True(result.ExitCode == 0, result.Errors);
        Assert.Equal(queryLanguage, result.Report["queryLanguage"]!.GetValue<string>());
        Assert.Equal(AllScenarios, WrongScenarios(result.Report, wrong: false));
        Assert.Empty(result.Report["advice"]!.AsArray());
        Assert.Empty(result.Report["definitionErrors"]!.AsArray());
        IReadOnlyList<JsonObject> expected = LocalCloudFixture.ExpectedScenarios();
        for (int i = 0; i < expected.Count; i++)
        {
            JsonObject scenario = result.Report["scenarios"]![i]!.AsObject();
            Assert.Equal(LocalCloudFixture.Strings(expected[i]["path"]), LocalCloudFixture.Strings(scenario["actualPath"]));
            Assert.Equal(expected[i]["error"]?.GetValue<string>(), scenario["error"]?.GetValue<string>());
        }

        Assert.Contains("check: [7/7] events/07-order-succeeds.json", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_2018_style_definition_with_plain_function_arns_and_the_2018_placeholders_is_right()
    {
        JsonObject definition = RepositoryDefinition();
        var placeholders = new Dictionary<string, string>
        {
            ["ProcessOrder"] = "${NewOrderFunction.Arn}",
            ["ProcessPayment"] = "${ProcessPaymentFunction.Arn}",
            ["ReserveInventory"] = "${ReserveInventoryFunction.Arn}",
            ["ReleaseInventory"] = "${ReleaseInventoryFunction.Arn}",
            ["ProcessRefund"] = "${ProcessRefundFunction.Arn}",
            ["UpdateOrderStatus"] = "${UpdateOrderFunction.Arn}",
        };
        foreach ((string state, string placeholder) in placeholders)
        {
            JsonObject task = State(definition, state);
            task["Resource"] = placeholder;
            task.Remove("Parameters");
            task.Remove("OutputPath");
        }

        foreach (string notification in new[] { "sns:NotifySuccess", "sns:NotifyReleaseInventoryFail", "sns:NotifyProcessRefundFail", "sns:NotifyUpdateOrderFail" })
        {
            State(definition, notification)["Parameters"]!["TopicArn"] = "${SagaTopic}";
        }

        CheckResult result = await CheckAsync(definition);

        Assert.True(result.ExitCode == 0, result.Report.ToJsonString());
        Assert.Equal(AllScenarios, WrongScenarios(result.Report, wrong: false));
    }

    [Fact]
    public async Task A_yaml_definition_with_upstream_placeholders_names_arns_and_set_values_is_right()
    {
        JsonObject definition = RepositoryDefinition();
        FunctionName(definition, "ProcessOrder", "arn:aws:lambda:eu-west-1:111122223333:function:sam-app-NewOrderFunction-1A2B3C");
        FunctionName(definition, "ProcessPayment", "${DebitPaymentFunction}");
        FunctionName(definition, "ReserveInventory", "${InventoryHold}");
        FunctionName(definition, "ReleaseInventory", "ReleaseInventory");
        FunctionName(definition, "ProcessRefund", "${CreditPaymentFunction}");
        FunctionName(definition, "UpdateOrderStatus", "${UpdateOrderFunction}");
        State(definition, "sns:NotifySuccess")["Parameters"]!["TopicArn"] = "${SagaTopic}";

        CheckResult result = await CheckTextAsync(Yaml(definition), ".asl.yaml", "--set", "InventoryHold=arn:aws:lambda:us-east-1:123456789012:function:ReserveInventory");

        Assert.True(result.ExitCode == 0, result.Report.ToJsonString());
        Assert.Equal(AllScenarios, WrongScenarios(result.Report, wrong: false));
        Assert.Empty(result.Report["warnings"]!.AsArray());
    }

    [Fact]
    public async Task An_unknown_placeholder_is_refused_with_the_known_names()
    {
        JsonObject definition = RepositoryDefinition();
        FunctionName(definition, "ProcessOrder", "${OrderMaker}");

        CheckResult result = await CheckAsync(definition);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("The definition uses placeholders that have no value: ${OrderMaker} at States.ProcessOrder.Parameters.FunctionName. ", result.Errors, StringComparison.Ordinal);
        Assert.Contains("Known names: NewOrder (or ProcessOrder), UpdateOrder (or UpdateOrderStatus), DebitPayment (or ProcessPayment), RefundPayment (or CreditPayment, ProcessRefund), ReserveInventory, ReleaseInventory", result.Errors, StringComparison.Ordinal);
        Assert.Contains("Give any other as NAME=ARN (--set with check, the Values field on the console).", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_a_usage_error()
    {
        CheckResult result = await CheckFileAsync("no-such-saga.asl.json");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("no-such-saga.asl.json: cannot read the definition: ", result.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_catch_ends_the_scenario_at_the_step_that_failed()
    {
        JsonObject definition = RepositoryDefinition();
        State(definition, "ProcessRefund").Remove("Catch");

        CheckResult result = await CheckAsync(definition);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["04"], WrongScenarios(result.Report));
        AssertExplanation(result.Report, "04",
            "ProcessRefund has no Catch for ErrProcessRefund: scenario 04 ends FAILED at ProcessRefund instead of going on to sns:NotifyProcessRefundFail",
            "States.ProcessRefund");
        JsonObject error = Assert.Single(result.Report["definitionErrors"]!.AsArray())!.AsObject();
        Assert.Equal("States.sns:NotifyProcessRefundFail", error["location"]!.GetValue<string>());
        Assert.Equal("State \"sns:NotifyProcessRefundFail\" is not reachable.", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_next_after_a_successful_compensation_is_explained_at_that_next()
    {
        JsonObject definition = RepositoryDefinition();
        State(definition, "UpdateOrderStatus")["Next"] = "sns:NotifyUpdateOrderFail";

        CheckResult result = await CheckAsync(definition);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["01", "03", "05"], WrongScenarios(result.Report));
        foreach (string scenario in new[] { "01", "03", "05" })
        {
            AssertExplanation(result.Report, scenario,
                "UpdateOrderStatus → sns:NotifyUpdateOrderFail on success: after a successful compensation the saga should end in OrderFailed",
                "States.UpdateOrderStatus.Next");
        }
    }

    [Fact]
    public async Task A_misspelt_error_name_is_a_missing_catch_and_gets_a_suggestion()
    {
        JsonObject definition = RepositoryDefinition();
        JsonArray catchers = State(definition, "ProcessOrder")["Catch"]!.AsArray();
        catchers.RemoveAt(1);
        catchers[0]!["ErrorEquals"] = new JsonArray("ErrProccessOrder");

        CheckResult result = await CheckAsync(definition);

        Assert.Equal(["01", "02"], WrongScenarios(result.Report));
        AssertExplanation(result.Report, "01",
            "ProcessOrder has no Catch for ErrProcessOrder (its Catch[0] lists ErrProccessOrder): scenario 01 ends FAILED at ProcessOrder instead of going on to UpdateOrderStatus",
            "States.ProcessOrder.Catch");
        Assert.Equal(["order not set back to Pending: it is New"], DataFindings(result.Report, "01"));
        Assert.Equal(
            [("States.ProcessOrder.Catch[0].ErrorEquals[0]", "ErrProccessOrder is not an error the saga's functions raise; did you mean ErrProcessOrder?")],
            Advice(result.Report));
    }

    [Fact]
    public async Task A_catch_without_result_path_hands_the_error_to_the_compensation()
    {
        JsonObject definition = RepositoryDefinition();
        State(definition, "ProcessPayment")["Catch"]![0]!.AsObject().Remove("ResultPath");

        CheckResult result = await CheckAsync(definition);

        Assert.Equal(["03", "04"], WrongScenarios(result.Report));
        AssertExplanation(result.Report, "03",
            "ProcessPayment's Catch[0] has no ResultPath: ProcessRefund receives the error instead of the order, fails with ErrProcessRefund, and scenario 03 goes on to sns:NotifyProcessRefundFail instead of UpdateOrderStatus",
            "States.ProcessPayment.Catch[0]");
        AssertExplanation(result.Report, "04",
            "ProcessPayment's Catch[0] has no ResultPath: ProcessRefund receives the error instead of the order, fails with ErrProcessRefund, and scenario 04 takes the right path for a wrong reason",
            "States.ProcessPayment.Catch[0]");
        Assert.Equal(["order not set back to Pending: it is New", "payment not refunded: a Debit without a Credit"], DataFindings(result.Report, "03"));
        Assert.Equal(
            [("States.ProcessPayment.Catch[0]", "no ResultPath: the error replaces the order, so ProcessRefund receives the error instead of the order; add \"ResultPath\": \"$.error\"")],
            Advice(result.Report));
    }

    [Fact]
    public async Task A_jsonata_compensation_that_sends_its_input_gets_the_error_instead_of_the_order()
    {
        JsonObject definition = RepositoryDefinition("statemachine/saga.jsonata.asl.json");
        State(definition, "ProcessRefund")["Arguments"]!["Payload"] = "{% $states.input %}";

        CheckResult result = await CheckAsync(definition);

        Assert.Equal(["03", "04"], WrongScenarios(result.Report));
        AssertExplanation(result.Report, "03",
            "ProcessPayment's Catch[0] passes the error on as ProcessRefund's input: ProcessRefund sends it instead of the order, fails with ErrProcessRefund, and scenario 03 goes on to sns:NotifyProcessRefundFail instead of UpdateOrderStatus",
            "States.ProcessPayment.Catch[0]");
        AssertExplanation(result.Report, "04",
            "ProcessPayment's Catch[0] passes the error on as ProcessRefund's input: ProcessRefund sends it instead of the order, fails with ErrProcessRefund, and scenario 04 takes the right path for a wrong reason",
            "States.ProcessPayment.Catch[0]");
        Assert.Equal(["payment not refunded: a Debit without a Credit"], DataFindings(result.Report, "04"));
    }

    [Fact]
    public async Task A_compensation_catch_that_does_not_keep_its_error_reports_the_earlier_one_and_is_wrong()
    {
        JsonObject definition = RepositoryDefinition("statemachine/saga.jsonata.asl.json");
        foreach (JsonNode? catcher in State(definition, "UpdateOrderStatus")["Catch"]!.AsArray())
        {
            catcher!.AsObject().Remove("Assign");
        }

        CheckResult result = await CheckAsync(definition);

        Assert.Equal(["02"], WrongScenarios(result.Report));
        AssertExplanation(result.Report, "02",
            "scenario 02 ends FAILED with ErrProcessOrder instead of ErrUpdateOrderStatus: the Catch of UpdateOrderStatus for ErrUpdateOrderStatus does not keep the error it caught, so the saga reports an earlier one (JSONata: \"Assign\": {\"error\": \"{% $states.errorOutput %}\"}; JSONPath: \"ResultPath\": \"$.error\")",
            "States.UpdateOrderStatus.Catch[0]");
        Assert.Equal(1, result.ExitCode);
    }

    [Theory]
    [InlineData("ProcessPayment without Retry", "States.ProcessPayment",
        "no Retry on the transient Lambda errors (Lambda.ServiceException, Lambda.AWSLambdaException, Lambda.SdkClientException, Lambda.TooManyRequestsException): a throttled or briefly unavailable function fails the step at once")]
    [InlineData("an execution TimeoutSeconds of 15", "TimeoutSeconds",
        "the execution times out after 15 s, but the worst-case retry schedule of scenario 05's path takes 324 s (ProcessOrder alone: 4 attempts of 10 s and 14 s of back-off): an execution that retries is cut off with its compensations unfinished")]
    public async Task A_flaw_the_scenarios_cannot_show_is_advice_and_the_scenarios_stay_right(string flaw, string location, string message)
    {
        JsonObject definition = RepositoryDefinition();
        if (flaw == "ProcessPayment without Retry")
        {
            State(definition, "ProcessPayment").Remove("Retry");
        }
        else
        {
            definition["TimeoutSeconds"] = 15;
        }

        CheckResult result = await CheckAsync(definition);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([(location, message)], Advice(result.Report));
    }

    [Fact]
    public async Task A_typo_in_a_next_is_one_error_with_a_suggestion_not_a_cascade_of_unreachable_states()
    {
        JsonObject definition = RepositoryDefinition();
        State(definition, "ProcessPayment")["Next"] = "ReserveInventroy";

        CheckResult result = await CheckAsync(definition);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Report["scenarios"]!.AsArray());
        JsonObject error = Assert.Single(result.Report["definitionErrors"]!.AsArray())!.AsObject();
        Assert.Equal("States.ProcessPayment.Next", error["location"]!.GetValue<string>());
        Assert.Equal("MISSING_TRANSITION_TARGET", error["code"]!.GetValue<string>());
        Assert.Equal("Missing 'Next' target: ReserveInventroy; did you mean ReserveInventory? (5 states are unreachable only because of it)", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task States_all_before_a_specific_error_is_a_definition_error_with_advice()
    {
        JsonObject definition = RepositoryDefinition();
        JsonArray catchers = State(definition, "ProcessOrder")["Catch"]!.AsArray();
        JsonNode first = catchers[0]!;
        catchers.RemoveAt(0);
        catchers.Add(first);

        CheckResult result = await CheckAsync(definition);

        Assert.Equal(1, result.ExitCode);
        JsonObject error = Assert.Single(result.Report["definitionErrors"]!.AsArray())!.AsObject();
        Assert.Equal("States.ProcessOrder.Catch[0].ErrorEquals", error["location"]!.GetValue<string>());
        Assert.Equal(
            [("States.ProcessOrder.Catch[0]", "States.ALL is listed before ErrProcessOrder: it takes every error first, so what is listed after it never applies; put States.ALL last, alone in its entry")],
            Advice(result.Report));
    }

    [Fact]
    public async Task The_text_report_shows_each_scenario_with_its_verdict_and_why()
    {
        JsonObject definition = RepositoryDefinition();
        State(definition, "UpdateOrderStatus")["Next"] = "sns:NotifyUpdateOrderFail";
        string file = WriteTemporaryFile(definition.ToJsonString(), ".asl.json");
        using var output = new StringWriter();

        int exitCode = await CheckCommand.ExecuteAsync([file], output, TextWriter.Null, CancellationToken.None);

        File.Delete(file);
        Assert.Equal(1, exitCode);
        string[] lines = output.ToString().Split(Environment.NewLine);
        int scenario = Array.IndexOf(lines, "Scenario 01  events/01-process-order-fails.json  WRONG");
        Assert.True(scenario >= 0, output.ToString());
        Assert.Equal(
            [
                "  expected  ProcessOrder → UpdateOrderStatus → OrderFailed",
                "  actual    ProcessOrder → UpdateOrderStatus → sns:NotifyUpdateOrderFail → OrderFailed",
                "  status    FAILED ErrProcessOrder",
                "  why       UpdateOrderStatus → sns:NotifyUpdateOrderFail on success: after a successful compensation the saga should end in OrderFailed",
                "            at States.UpdateOrderStatus.Next",
            ],
            lines[(scenario + 1)..(scenario + 6)]);
        Assert.Contains("4 of 7 scenarios right.", lines);
    }

    private static JsonObject RepositoryDefinition(string file = "statemachine/saga.asl.json") =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(LocalCloudFixture.RepositoryRoot, file)))!.AsObject();

    private static JsonObject State(JsonObject definition, string name) => definition["States"]![name]!.AsObject();

    private static void FunctionName(JsonObject definition, string state, string value) => State(definition, state)["Parameters"]!["FunctionName"] = value;

    private static string[] WrongScenarios(JsonObject report, bool wrong = true) =>
        report["scenarios"]!.AsArray()
            .Where(s => s!["right"]!.GetValue<bool>() != wrong)
            .Select(s => s!["scenario"]!.GetValue<string>())
            .ToArray();

    private static JsonObject Scenario(JsonObject report, string label) =>
        report["scenarios"]!.AsArray().Single(s => s!["scenario"]!.GetValue<string>() == label)!.AsObject();

    private static void AssertExplanation(JsonObject report, string scenario, string text, string location)
    {
        JsonNode explanation = Scenario(report, scenario)["explanation"]!;
        Assert.Equal(text, explanation["text"]!.GetValue<string>());
        Assert.Equal(location, explanation["location"]!.GetValue<string>());
    }

    private static string[] DataFindings(JsonObject report, string scenario) => LocalCloudFixture.Strings(Scenario(report, scenario)["dataFindings"]);

    private static (string Location, string Message)[] Advice(JsonObject report) =>
        report["advice"]!.AsArray().Select(a => (a!["location"]!.GetValue<string>(), a["message"]!.GetValue<string>())).ToArray();

    private static Task<CheckResult> CheckAsync(JsonObject definition, params string[] options) =>
        CheckTextAsync(definition.ToJsonString(), ".asl.json", options);

    private static async Task<CheckResult> CheckTextAsync(string text, string extension, params string[] options)
    {
        string file = WriteTemporaryFile(text, extension);
        try
        {
            return await CheckFileAsync(file, options);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<CheckResult> CheckFileAsync(string file, params string[] options)
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        int exitCode = await CheckCommand.ExecuteAsync([file, "--json", .. options], output, errors, CancellationToken.None);
        JsonObject report = output.ToString().Length == 0 ? [] : JsonNode.Parse(output.ToString())!.AsObject();
        return new CheckResult(exitCode, report, errors.ToString());
    }

    private static string WriteTemporaryFile(string text, string extension)
    {
        string file = Path.Combine(Path.GetTempPath(), $"check-{Guid.NewGuid():N}{extension}");
        File.WriteAllText(file, text);
        return file;
    }

    /// <summary>The definition as block-style YAML (every scalar written as JSON, which YAML reads the same).</summary>
    private static string Yaml(JsonNode node)
    {
        var yaml = new StringBuilder();
        WriteYaml(node, 0, yaml);
        return yaml.ToString();
    }

    private static void WriteYaml(JsonNode? node, int indent, StringBuilder yaml)
    {
        string pad = new(' ', indent);
        IEnumerable<(string Prefix, JsonNode? Value)> entries = node switch
        {
            JsonObject fields => fields.Select(f => ($"{pad}{JsonValue.Create(f.Key).ToJsonString()}:", f.Value)),
            JsonArray items => items.Select(item => ($"{pad}-", item)),
            _ => throw new ArgumentException("Only objects and arrays are written as blocks.", nameof(node)),
        };
        foreach ((string prefix, JsonNode? value) in entries)
        {
            if (value is JsonObject { Count: > 0 } or JsonArray { Count: > 0 })
            {
                yaml.Append(prefix).Append('\n');
                WriteYaml(value, indent + 2, yaml);
            }
            else
            {
                yaml.Append(prefix).Append(' ').Append(value?.ToJsonString() ?? "null").Append('\n');
            }
        }
    }

    private sealed record CheckResult(int ExitCode, JsonObject Report, string Errors);
}
