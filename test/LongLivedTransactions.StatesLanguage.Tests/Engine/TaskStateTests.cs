using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tests.Support;
using static LongLivedTransactions.StatesLanguage.Tests.Support.EngineHarness;

namespace LongLivedTransactions.StatesLanguage.Tests.Engine;

public sealed class TaskStateTests
{
    private const string Resource = "arn:aws:states:::lambda:invoke";

    private static ScriptedTaskInvoker FailingThen(int failures, string error, JsonNode? success) =>
        new(Resource, (invocation, _) => invocation.Attempt < failures
            ? throw new TaskFailedException(error, $"attempt {invocation.Attempt} failed")
            : Task.FromResult(success?.DeepClone()));

    [Fact]
    public async Task Retry_retries_a_Lambda_ServiceException_until_the_task_succeeds()
    {
        const string definition = """
            {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
              "Parameters":{"FunctionName":"f","Payload.$":"$"},
              "Retry":[{"ErrorEquals":["Lambda.ServiceException"],"IntervalSeconds":2,"BackoffRate":3,"MaxAttempts":5}],
              "ResultSelector":{"retries.$":"$$.State.RetryCount","payload.$":"$.Payload"},"End":true}}}
            """;
        var invoker = FailingThen(2, "Lambda.ServiceException", JsonNode.Parse("""{"Payload":"done"}"""));

        var execution = await RunAsync(definition, """{"x":1}""", [invoker]);

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        AssertJson("""{"retries":2,"payload":"done"}""", Output(execution));
        Assert.Equal([0, 1, 2], invoker.Calls.Select(c => c.Attempt));
        Assert.Equal(
            [
                "1 0 ExecutionStarted", "2 0 TaskStateEntered",
                "3 2 TaskScheduled", "4 3 TaskStarted", "5 4 TaskFailed",
                "6 5 TaskScheduled", "7 6 TaskStarted", "8 7 TaskFailed",
                "9 8 TaskScheduled", "10 9 TaskStarted", "11 10 TaskSucceeded",
                "12 11 TaskStateExited", "13 12 ExecutionSucceeded",
            ],
            Outline(execution));

        // Back-off on the fake clock: 2 s, then 2 × 3 = 6 s.
        var failed = Events(execution, "TaskFailed").Select(e => e.Timestamp).ToArray();
        var scheduled = Events(execution, "TaskScheduled").Select(e => e.Timestamp).ToArray();
        Assert.Equal(TimeSpan.FromSeconds(2), scheduled[1] - failed[0]);
        Assert.Equal(TimeSpan.FromSeconds(6), scheduled[2] - failed[1]);
        var failedDetails = Events(execution, "TaskFailed").First().Details!;
        Assert.Equal("Lambda.ServiceException", failedDetails["error"]!.GetValue<string>());
        Assert.Equal("lambda", failedDetails["resourceType"]!.GetValue<string>());
        Assert.Equal("invoke", failedDetails["resource"]!.GetValue<string>());
    }

    [Fact]
    public async Task MaxDelaySeconds_caps_the_back_off_and_full_jitter_stays_below_it()
    {
        const string definition = """
            {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
              "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":10,"BackoffRate":10,"MaxAttempts":3,"MaxDelaySeconds":15,"JitterStrategy":"FULL"}],
              "End":true}}}
            """;
        var execution = await RunAsync(definition, "{}", [FailingThen(3, "Boom", JsonValue.Create(1))]);

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        var failed = Events(execution, "TaskFailed").Select(e => e.Timestamp).ToArray();
        var scheduled = Events(execution, "TaskScheduled").Select(e => e.Timestamp).ToArray();
        for (var i = 0; i < 3; i++)
        {
            Assert.InRange((scheduled[i + 1] - failed[i]).TotalSeconds, 0, 16);
        }
    }

    [Fact]
    public async Task MaxAttempts_zero_never_retries()
    {
        const string definition = """
            {"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
              "Retry":[{"ErrorEquals":["Boom"],"MaxAttempts":0}],"End":true}}}
            """;
        var invoker = FailingThen(1, "Boom", JsonValue.Create(1));

        var execution = await RunAsync(definition, "{}", [invoker]);

        Assert.Equal(ExecutionStatus.Failed, execution.Status);
        Assert.Equal("Boom", execution.Error);
        Assert.Equal("attempt 0 failed", execution.Cause);
        Assert.Single(invoker.Calls);
    }

    [Fact]
    public async Task Catch_puts_the_error_output_at_ResultPath_and_goes_to_Next()
    {
        const string definition = """
            {"StartAt":"Call","States":{
              "Call":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                "Catch":[{"ErrorEquals":["Other"],"Next":"Wrong"},{"ErrorEquals":["States.TaskFailed"],"ResultPath":"$.error","Next":"Handle"}],"End":true},
              "Wrong":{"Type":"Fail"},
              "Handle":{"Type":"Pass","End":true}}}
            """;
        var execution = await RunAsync(definition, """{"order":1}""", [FailingThen(1, "ErrProcessPayment", null)]);

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        AssertJson("""{"order":1,"error":{"Error":"ErrProcessPayment","Cause":"attempt 0 failed"}}""", Output(execution));
        Assert.Equal(
            ["1 0 ExecutionStarted", "2 0 TaskStateEntered", "3 2 TaskScheduled", "4 3 TaskStarted", "5 4 TaskFailed",
             "6 5 TaskStateExited", "7 6 PassStateEntered", "8 7 PassStateExited", "9 8 ExecutionSucceeded"],
            Outline(execution));
    }

    [Fact]
    public async Task TimeoutSeconds_times_the_task_out_on_the_fake_clock()
    {
        const string definition = """
            {"StartAt":"Start","States":{
              "Start":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":5,
                "Catch":[{"ErrorEquals":["States.Timeout"],"Next":"Handler"}],"End":true},
              "Handler":{"Type":"Pass","End":true}}}
            """;
        var never = new ScriptedTaskInvoker(Resource, async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        });

        var execution = await RunAsync(definition, "{}", [never]);

        AssertJson("""{"Error":"States.Timeout","Cause":""}""", Output(execution));
        var timedOut = Events(execution, "TaskTimedOut").Single();
        Assert.Equal("States.Timeout", timedOut.Details!["error"]!.GetValue<string>());
        Assert.Equal(5, Events(execution, "TaskScheduled").Single().Details!["timeoutInSeconds"]!.GetValue<long>());
        Assert.Equal(TimeSpan.FromSeconds(5), timedOut.Timestamp - Events(execution, "TaskStarted").Single().Timestamp);
    }

    [Fact]
    public async Task HeartbeatSeconds_without_heartbeats_is_States_HeartbeatTimeout()
    {
        const string definition = """
            {"StartAt":"Start","States":{"Start":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":60,"HeartbeatSeconds":3,"End":true}}}
            """;
        var never = new ScriptedTaskInvoker(Resource, async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        });

        var execution = await RunAsync(definition, "{}", [never]);

        Assert.Equal("States.HeartbeatTimeout", execution.Error);
    }

    [Fact]
    public async Task TimeoutSecondsPath_reads_the_timeout_from_the_input()
    {
        const string definition = """
            {"StartAt":"Start","States":{"Start":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSecondsPath":"$.timeout","End":true}}}
            """;
        var never = new ScriptedTaskInvoker(Resource, async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            return null;
        });

        var execution = await RunAsync(definition, """{"timeout":7}""", [never]);

        Assert.Equal("States.Timeout", execution.Error);
        Assert.Equal(7, Events(execution, "TaskScheduled").Single().Details!["timeoutInSeconds"]!.GetValue<long>());
    }

    [Fact]
    public async Task States_ALL_does_not_catch_States_Runtime()
    {
        const string definition = """
            {"StartAt":"RaiseRuntime","States":{
              "RaiseRuntime":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:f","OutputPath":"$.no.such.result.path",
                "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"Next":"Final"},
              "Caught":{"Type":"Pass","End":true},"Final":{"Type":"Pass","End":true}}}
            """;
        var invoker = ScriptedTaskInvoker.Returning("arn:aws:lambda:us-east-1:111111111111:function:f", _ => new JsonObject());

        var execution = await RunAsync(definition, "{}", [invoker]);

        Assert.Equal(ExecutionStatus.Failed, execution.Status);
        Assert.Equal("States.Runtime", execution.Error);
        Assert.Equal(
            "An error occurred while executing the state 'RaiseRuntime' (entered at the event id #2). Invalid path '$.no.such.result.path' : Missing property in path $['no']",
            execution.Cause);
        Assert.Equal(
            ["1 0 ExecutionStarted", "2 0 TaskStateEntered", "3 2 LambdaFunctionScheduled", "4 3 LambdaFunctionStarted", "5 4 LambdaFunctionSucceeded", "6 5 ExecutionFailed"],
            Outline(execution));
    }

    [Fact]
    public async Task A_plain_function_ARN_records_LambdaFunction_events_with_the_payload()
    {
        const string definition = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:111111111111:function:f","ResultPath":"$.r","End":true}}}
            """;
        var invoker = ScriptedTaskInvoker.Returning("arn:aws:lambda:us-east-1:111111111111:function:f", i => JsonNode.Parse("""{"echo":true}"""));

        var execution = await RunAsync(definition, """{"in":1}""", [invoker]);

        AssertJson("""{"in":1,"r":{"echo":true}}""", Output(execution));
        var scheduled = Events(execution, "LambdaFunctionScheduled").Single().Details!;
        Assert.Equal("arn:aws:lambda:us-east-1:111111111111:function:f", scheduled["resource"]!.GetValue<string>());
        AssertJson("""{"in":1}""", JsonNode.Parse(scheduled["input"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TaskScheduled_reports_resource_type_region_and_parameters()
    {
        const string definition = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::sns:publish","Parameters":{"TopicArn":"t","Message.$":"$.m"},"End":true}}}
            """;
        var invoker = ScriptedTaskInvoker.Returning("arn:aws:states:::sns:publish", i => new JsonObject { ["MessageId"] = "1" });

        var execution = await RunAsync(definition, """{"m":"hi"}""", [invoker]);

        var scheduled = Events(execution, "TaskScheduled").Single().Details!;
        Assert.Equal("sns", scheduled["resourceType"]!.GetValue<string>());
        Assert.Equal("publish", scheduled["resource"]!.GetValue<string>());
        Assert.Equal("us-east-1", scheduled["region"]!.GetValue<string>());
        AssertJson("""{"TopicArn":"t","Message":"hi"}""", JsonNode.Parse(scheduled["parameters"]!.GetValue<string>()));
        AssertJson("""{"TopicArn":"t","Message":"hi"}""", invoker.Calls.Single().Parameters);
    }

    [Fact]
    public async Task A_resource_nobody_handles_fails_the_execution()
    {
        var execution = await RunAsync("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::dynamodb:putItem","End":true}}}""");

        Assert.Equal(ExecutionStatus.Failed, execution.Status);
        Assert.Equal("States.Runtime", execution.Error);
        Assert.Contains("arn:aws:states:::dynamodb:putItem", execution.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Catch_after_an_oversized_output_sees_the_original_input()
    {
        // Input (~200 KB) plus result (~100 KB) exceeds 256 KiB only once ResultPath has combined them.
        const string definition = """
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","ResultPath":"$.result",
                "Catch":[{"ErrorEquals":["States.DataLimitExceeded"],"ResultPath":"$.error","Next":"H"}],"End":true},
              "H":{"Type":"Pass","End":true}}}
            """;
        var invoker = ScriptedTaskInvoker.Returning(Resource, _ => JsonValue.Create(new string('r', 100_000)));
        var input = new JsonObject { ["data"] = new string('i', 200_000) }.ToJsonString();

        var execution = await RunAsync(definition, input, [invoker]);

        Assert.True(execution.Status == ExecutionStatus.Succeeded, $"{execution.Error}: {execution.Cause} {string.Join(", ", Outline(execution))}");
        var output = Output(execution)!.AsObject();
        Assert.Equal(["data", "error"], output.Select(p => p.Key));
        Assert.Equal("States.DataLimitExceeded", output["error"]!["Error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_task_result_over_256_KiB_fails_the_task_and_States_ALL_catches_it()
    {
        const string definition = """
            {"StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"H"}],"End":true},
              "H":{"Type":"Pass","End":true}}}
            """;
        var invoker = ScriptedTaskInvoker.Returning(Resource, _ => JsonValue.Create(new string('x', 300_000)));

        var execution = await RunAsync(definition, "{}", [invoker]);

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        AssertJson(
            """{"Error":"States.DataLimitExceeded","Cause":"The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit."}""",
            Output(execution));
        Assert.Equal("States.DataLimitExceeded", Events(execution, "TaskFailed").Single().Details!["error"]!.GetValue<string>());
    }
}
