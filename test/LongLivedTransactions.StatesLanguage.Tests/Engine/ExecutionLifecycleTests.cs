using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.Parsing;
using LongLivedTransactions.StatesLanguage.Validation;
using Microsoft.Extensions.Time.Testing;
using static LongLivedTransactions.StatesLanguage.Tests.Support.EngineHarness;

namespace LongLivedTransactions.StatesLanguage.Tests.Engine;

public sealed class ExecutionLifecycleTests
{
    [Fact]
    public async Task The_machine_TimeoutSeconds_times_the_execution_out()
    {
        var execution = await RunAsync("""{"TimeoutSeconds":10,"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}""");

        Assert.Equal(ExecutionStatus.TimedOut, execution.Status);
        Assert.Equal("States.Timeout", execution.Error);
        var last = execution.GetHistory()[^1];
        Assert.Equal("ExecutionTimedOut", last.Type);
        Assert.Equal(StartTime.AddSeconds(10), last.Timestamp);
        Assert.Equal(StartTime.AddSeconds(10), execution.StopDate);
    }

    [Fact]
    public async Task Stop_aborts_a_running_execution()
    {
        var time = new FakeTimeProvider(StartTime);
        var engine = new ExecutionEngine([], time);
        var execution = engine.Start(new ExecutionRequest(
            StateMachineArn, ExecutionArn, "run-1",
            StateMachineParser.Parse("""{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":60,"End":true}}}"""), "{}"));
        while (!execution.GetHistory().Any(e => e.Type == "WaitStateEntered"))
        {
            await Task.Delay(1);
        }

        execution.Stop("Manual", "stopped by test");
        await execution.Completion;

        Assert.Equal(ExecutionStatus.Aborted, execution.Status);
        Assert.Equal(["1 0 ExecutionStarted", "2 0 WaitStateEntered", "3 2 ExecutionAborted"], Outline(execution));
        Assert.Equal("Manual", execution.GetHistory()[^1].Details!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Nothing_is_recorded_after_ExecutionAborted()
    {
        var release = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var invoker = new Support.ScriptedTaskInvoker("arn:aws:states:::lambda:invoke", (_, _) => release.Task); // ignores cancellation
        var engine = new ExecutionEngine([invoker], new FakeTimeProvider(StartTime));
        var execution = engine.Start(new ExecutionRequest(
            StateMachineArn, ExecutionArn, "run-1",
            StateMachineParser.Parse("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}}"""), "{}"));
        while (invoker.Calls.Count == 0)
        {
            await Task.Delay(1);
        }

        execution.Stop(null, null);
        release.SetResult(new JsonObject());
        await execution.Completion;
        await Task.Delay(50);

        Assert.Equal("ExecutionAborted", execution.GetHistory()[^1].Type);
        Assert.DoesNotContain(execution.GetHistory(), e => e.Type is "TaskSucceeded" or "TaskStateExited");
    }

    [Fact]
    public async Task Invalid_input_JSON_is_refused_at_start()
    {
        var engine = new ExecutionEngine([], new FakeTimeProvider(StartTime));
        var definition = StateMachineParser.Parse("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""");

        Assert.Throws<ArgumentException>(() => engine.Start(new ExecutionRequest(StateMachineArn, ExecutionArn, "run-1", definition, "{not json")));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task History_events_serialise_as_GetExecutionHistory_does()
    {
        var execution = await RunAsync("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", """{"a":1}""");

        var started = execution.GetHistory()[0].ToJson();
        Assert.Equal("ExecutionStarted", started["type"]!.GetValue<string>());
        Assert.Equal(1, started["id"]!.GetValue<long>());
        Assert.Equal(0, started["previousEventId"]!.GetValue<long>());
        Assert.Equal(StartTime.ToUnixTimeSeconds(), started["timestamp"]!.GetValue<double>());
        var details = started["executionStartedEventDetails"]!.AsObject();
        Assert.Equal("""{"a":1}""", details["input"]!.GetValue<string>());
        Assert.False(details["inputDetails"]!["truncated"]!.GetValue<bool>());
        Assert.Equal("arn:aws:iam::123456789012:role/local", details["roleArn"]!.GetValue<string>());

        var withoutData = execution.GetHistory()[1].ToJson(includeExecutionData: false);
        Assert.Equal("P", withoutData["stateEnteredEventDetails"]!["name"]!.GetValue<string>());
        Assert.Null(withoutData["stateEnteredEventDetails"]!["input"]);

        var succeeded = execution.GetHistory()[^1].ToJson();
        Assert.Equal(3, succeeded["previousEventId"]!.GetValue<long>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":1}"""), JsonNode.Parse(succeeded["executionSucceededEventDetails"]!["output"]!.GetValue<string>())));
    }
}
