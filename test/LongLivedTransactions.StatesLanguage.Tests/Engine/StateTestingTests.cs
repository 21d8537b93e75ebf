using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.Execution.StateTesting;
using LongLivedTransactions.StatesLanguage.Parsing;
using LongLivedTransactions.StatesLanguage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace LongLivedTransactions.StatesLanguage.Tests.Engine;

/// <summary>One state run once on the engine's state pipeline, as TestState runs it.</summary>
public sealed class StateTestingTests
{
    private const string Role = "arn:aws:iam::111111111111:role/test";

    [Fact]
    public async Task A_mocked_task_reports_each_step_of_its_JSONPath_data_flow_and_its_next_state()
    {
        const string Definition = """
            {"StartAt":"Work","States":{
              "Work":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","InputPath":"$.order",
                      "Parameters":{"FunctionName":"f","Payload.$":"$"},"ResultSelector":{"body.$":"$.Payload"},
                      "ResultPath":"$.result","OutputPath":"$.result.body","Next":"Done"},
              "Done":{"Type":"Succeed"}}}
            """;

        StateTestResult result = await TestAsync(Definition, "Work", """{"order":{"id":7}}""", StateTestMock.Returning(JsonNode.Parse("""{"Payload":{"ok":true}}""")));

        Assert.Equal(StateTestStatus.Succeeded, result.Status);
        Assert.Equal("Done", result.NextState);
        Assert.Equal("""{"ok":true}""", result.OutputJson);
        StateInspection steps = result.Inspection;
        Assert.Equal("""{"order":{"id":7}}""", steps.Input);
        Assert.Equal("""{"id":7}""", steps.AfterInputPath);
        Assert.Equal("""{"FunctionName":"f","Payload":{"id":7}}""", steps.AfterParameters);
        Assert.Equal("""{"Payload":{"ok":true}}""", steps.Result);
        Assert.Equal("""{"body":{"ok":true}}""", steps.AfterResultSelector);
        Assert.Equal("""{"order":{"id":7},"result":{"body":{"ok":true}}}""", steps.AfterResultPath);
    }

    [Fact]
    public async Task A_matching_retry_rule_is_reported_with_its_back_off_until_its_attempts_are_used_then_the_catch_takes_over()
    {
        const string Definition = """
            {"StartAt":"Work","States":{
              "Work":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},
                      "Retry":[{"ErrorEquals":["Other"]},{"ErrorEquals":["Busy"],"IntervalSeconds":2,"BackoffRate":2,"MaxAttempts":3}],
                      "Catch":[{"ErrorEquals":["Busy"],"ResultPath":"$.error","Next":"Recover"}],"End":true},
              "Recover":{"Type":"Pass","End":true}}}
            """;
        StateTestMock busy = StateTestMock.Failing("Busy", "try later");

        StateTestResult retriable = await TestAsync(Definition, "Work", "{}", busy, retries: 1);
        Assert.Equal(StateTestStatus.Retriable, retriable.Status);
        Assert.Equal(("Busy", "try later"), (retriable.Error, retriable.Cause));
        Assert.Equal(1, retriable.Inspection.RetryIndex);
        Assert.Equal(4, retriable.Inspection.RetryBackoffIntervalSeconds);
        Assert.Null(retriable.NextState);

        StateTestResult caught = await TestAsync(Definition, "Work", """{"a":1}""", busy, retries: 3);
        Assert.Equal(StateTestStatus.CaughtError, caught.Status);
        Assert.Equal("Recover", caught.NextState);
        Assert.Equal((1, 0), (caught.Inspection.RetryIndex, caught.Inspection.CatchIndex));
        Assert.Null(caught.Inspection.RetryBackoffIntervalSeconds);
        EngineHarness.AssertJson("""{"a":1,"error":{"Error":"Busy","Cause":"try later"}}""", JsonNode.Parse(caught.OutputJson!));

        StateTestResult failed = await TestAsync(Definition, "Work", "{}", StateTestMock.Failing("Unknown", null));
        Assert.Equal((StateTestStatus.Failed, "Unknown"), (failed.Status, failed.Error));
        Assert.Null(failed.Inspection.RetryIndex);
    }

    [Fact]
    public async Task A_given_context_object_replaces_the_one_an_execution_builds_and_a_map_item_is_added_to_it()
    {
        const string Definition = """
            {"StartAt":"Each","States":{"Each":{"Type":"Map","ItemsPath":"$$.Execution.Input.items",
              "ItemSelector":{"value.$":"$$.Map.Item.Value","who.$":"$$.Execution.Name"},
              "ItemProcessor":{"StartAt":"Inner","States":{"Inner":{"Type":"Pass","End":true}}},"End":true}}}
            """;
        var context = JsonNode.Parse("""{"Execution":{"Name":"given","Input":{"items":["a","b"]}}}""")!.AsObject();

        StateTestResult result = await TestAsync(Definition, "Each", "{}", StateTestMock.Returning(JsonNode.Parse("[1,2]")), context: context);

        Assert.Equal(StateTestStatus.Succeeded, result.Status);
        Assert.Equal("""["a","b"]""", result.Inspection.AfterItemsPath);
        Assert.Equal("""[{"value":"a","who":"given"},{"value":"b","who":"given"}]""", result.Inspection.AfterItemSelector);
        Assert.Equal("[1,2]", result.OutputJson);
    }

    [Fact]
    public async Task A_mocked_map_fails_when_its_failed_iterations_go_beyond_the_tolerated_count()
    {
        const string Definition = """
            {"StartAt":"Each","States":{"Each":{"Type":"Map","ToleratedFailureCount":1,"MaxConcurrency":2,
              "ItemProcessor":{"StartAt":"Inner","States":{"Inner":{"Type":"Pass","End":true}}},"End":true}}}
            """;
        StateTestMock mock = StateTestMock.Returning(JsonNode.Parse("[1,2,3]"));

        StateTestResult tolerated = await TestAsync(Definition, "Each", "[1,2,3]", mock, failedIterations: 1);
        StateTestResult exceeded = await TestAsync(Definition, "Each", "[1,2,3]", mock, failedIterations: 2);

        Assert.Equal(StateTestStatus.Succeeded, tolerated.Status);
        Assert.Equal((2, 1), (tolerated.Inspection.MaxConcurrency, tolerated.Inspection.ToleratedFailureCount));
        Assert.Equal(StateTestStatus.Failed, exceeded.Status);
        Assert.Equal(ErrorNames.ExceedToleratedFailureThreshold, exceeded.Error);
    }

    [Fact]
    public async Task A_wait_state_reports_its_next_state_without_waiting_on_the_clock()
    {
        const string Definition = """{"StartAt":"Pause","States":{"Pause":{"Type":"Wait","Seconds":86400,"Next":"Later"},"Later":{"Type":"Succeed"}}}""";

        // The fake clock never moves: the test can only end if the state does not wait.
        StateTestResult result = await TestAsync(Definition, "Pause", """{"x":1}""");

        Assert.Equal((StateTestStatus.Succeeded, "Later", """{"x":1}"""), (result.Status, result.NextState, result.OutputJson));
    }

    [Fact]
    public async Task Variables_given_on_entry_are_read_and_reported_with_those_the_state_assigns()
    {
        const string Definition = """
            {"QueryLanguage":"JSONata","StartAt":"Add","States":{"Add":{"Type":"Pass",
              "Assign":{"total":"{% $base + $states.input.n %}"},"Output":{"seen":"{% $base %}"},"End":true}}}
            """;

        StateTestResult result = await TestAsync(Definition, "Add", """{"n":2}""", variables: new JsonObject { ["base"] = 40 });

        Assert.Equal("""{"seen":40}""", result.OutputJson);
        EngineHarness.AssertJson("""{"base":40,"total":42}""", JsonNode.Parse(result.Inspection.Variables!));
    }

    [Fact]
    public async Task A_state_inside_a_parallel_branch_is_found_by_its_name_and_a_fail_state_reports_its_error()
    {
        const string Definition = """
            {"StartAt":"Both","States":{"Both":{"Type":"Parallel","End":true,"Branches":[
              {"StartAt":"Left","States":{"Left":{"Type":"Pass","End":true}}},
              {"StartAt":"Stop","States":{"Stop":{"Type":"Fail","Error":"Halted","Cause":"on purpose"}}}]}}}
            """;

        StateTestResult result = await TestAsync(Definition, "Stop", "{}");

        Assert.Equal((StateTestStatus.Failed, "Halted", "on purpose"), (result.Status, result.Error, result.Cause));
        Assert.Null(result.OutputJson);
    }

    [Fact]
    public async Task A_map_item_reader_reads_the_data_a_test_gives_and_an_execution_cannot_reach_its_source()
    {
        const string Definition = """
            {"StartAt":"Each","States":{"Each":{"Type":"Map","End":true,
              "ItemReader":{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b","Key":"k"},
                            "ReaderConfig":{"InputType":"CSV","CSVHeaderLocation":"FIRST_ROW","MaxItems":2}},
              "ItemSelector":{"row.$":"$$.Map.Item.Value"},
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"Inner","States":{"Inner":{"Type":"Pass","End":true}}}}}}
            """;
        StateTestMock mock = StateTestMock.Returning(JsonNode.Parse("[1,2]"));

        StateTestResult csv = await TestAsync(Definition, "Each", "{}", mock, itemReaderData: "id,name\n1,\"a, \"\"b\"\"\"\n2,c\n3,d\n");
        EngineHarness.AssertJson("""[{"row":{"id":"1","name":"a, \"b\""}},{"row":{"id":"2","name":"c"}}]""", JsonNode.Parse(csv.Inspection.AfterItemSelector!));

        StateTestResult broken = await TestAsync(Definition.Replace("\"CSV\"", "\"JSONL\"", StringComparison.Ordinal), "Each", "{}", mock, itemReaderData: "{\"a\":1}\nnot json");
        Assert.Equal((StateTestStatus.Failed, ErrorNames.ItemReaderFailed), (broken.Status, broken.Error));
        Assert.StartsWith("Line 2 of the JSON Lines data is not valid JSON", broken.Cause, StringComparison.Ordinal);

        var execution = await EngineHarness.RunAsync(Definition);
        Assert.Equal((ExecutionStatus.Failed, ErrorNames.Runtime), (execution.Status, execution.Error));
        Assert.Contains("arn:aws:states:::s3:getObject", execution.Cause, StringComparison.Ordinal);
    }

    private static async Task<StateTestResult> TestAsync(
        string definition,
        string stateName,
        string input,
        StateTestMock? mock = null,
        int retries = 0,
        int failedIterations = 0,
        JsonObject? context = null,
        JsonObject? variables = null,
        string? itemReaderData = null)
    {
        var engine = new ExecutionEngine([], new FakeTimeProvider(EngineHarness.StartTime));
        var request = new StateTestRequest(
            StateMachineParser.Parse(definition), stateName, input, EngineHarness.StateMachineArn, EngineHarness.ExecutionArn, "run-1", Role)
        {
            Mock = mock,
            RetrierRetryCount = retries,
            MapIterationFailureCount = failedIterations,
            Context = context,
            Variables = variables,
            MapItemReaderData = itemReaderData,
        };

        // A guard against a hang only: under the fake clock nothing in these tests waits.
        return await engine.TestStateAsync(request, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
    }
}
