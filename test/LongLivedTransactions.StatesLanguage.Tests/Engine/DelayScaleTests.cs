using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.Parsing;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace LongLivedTransactions.StatesLanguage.Tests.Engine;

/// <summary>The engine's delay scale shortens Wait states and Retry back-off, and never a timeout.</summary>
public class DelayScaleTests
{
    private const string Function = "arn:aws:lambda:us-east-1:111111111111:function:flaky";

    [Fact]
    public async Task At_scale_zero_an_hour_long_wait_and_an_hour_long_back_off_do_not_wait_for_the_clock()
    {
        // The fake clock never moves: only a wait of zero can end.
        var time = new FakeTimeProvider(EngineHarness.StartTime);
        int calls = 0;
        var flaky = new ScriptedTaskInvoker(Function, (_, _) => Interlocked.Increment(ref calls) == 1
            ? Task.FromException<JsonNode?>(new TaskFailedException("Flaky", "first call"))
            : Task.FromResult<JsonNode?>(new JsonObject { ["ok"] = true }));
        var engine = new ExecutionEngine([flaky], time) { DelayScale = 0 };

        var execution = engine.Start(Request("""
            {
              "StartAt": "Hour",
              "States": {
                "Hour": { "Type": "Wait", "Seconds": 3600, "Next": "Call" },
                "Call": {
                  "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:flaky",
                  "Retry": [ { "ErrorEquals": [ "Flaky" ], "IntervalSeconds": 3600, "MaxAttempts": 1 } ],
                  "End": true
                }
              }
            }
            """));

        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        Assert.Equal(2, flaky.Calls.Count);
        Assert.Equal(EngineHarness.StartTime, time.GetUtcNow());
    }

    [Fact]
    public async Task A_scaled_wait_lasts_its_share_of_the_clock_while_the_state_machine_timeout_keeps_its_length()
    {
        var time = new FakeTimeProvider(EngineHarness.StartTime);
        var engine = new ExecutionEngine([], time) { DelayScale = 0.01 };
        var execution = engine.Start(Request("""
            { "TimeoutSeconds": 60, "StartAt": "Hour", "States": { "Hour": { "Type": "Wait", "Seconds": 3600, "End": true } } }
            """));
        await Until(() => execution.GetHistory().Any(e => e.Type == "WaitStateEntered"));

        // 3,600 s at 0.01 is 36 s, inside the 60 s timeout, which a scale would have cut to 0.6 s.
        time.Advance(TimeSpan.FromSeconds(35));
        await Task.WhenAny(execution.Completion, Task.Delay(100));
        Assert.Equal(ExecutionStatus.Running, execution.Status);
        time.Advance(TimeSpan.FromSeconds(1));
        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
    }

    [Fact]
    public async Task A_scaled_run_still_times_out_when_the_unscaled_timeout_is_due()
    {
        var time = new FakeTimeProvider(EngineHarness.StartTime);
        var engine = new ExecutionEngine([], time) { DelayScale = 0.5 };
        var execution = engine.Start(Request("""
            { "TimeoutSeconds": 10, "StartAt": "Hour", "States": { "Hour": { "Type": "Wait", "Seconds": 3600, "End": true } } }
            """));
        await Until(() => execution.GetHistory().Any(e => e.Type == "WaitStateEntered"));

        time.Advance(TimeSpan.FromSeconds(10));
        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExecutionStatus.TimedOut, execution.Status);
    }

    private static ExecutionRequest Request(string definition) =>
        new("arn:aws:states:us-east-1:111111111111:stateMachine:Scaled", "arn:aws:states:us-east-1:111111111111:execution:Scaled:run-1", "run-1",
            StateMachineParser.Parse(definition), "{}");

    private static async Task Until(Func<bool> condition)
    {
        for (int i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
