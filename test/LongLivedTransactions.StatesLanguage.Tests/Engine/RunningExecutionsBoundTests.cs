using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.Parsing;
using LongLivedTransactions.StatesLanguage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace LongLivedTransactions.StatesLanguage.Tests.Engine;

/// <summary>
/// <see cref="ExecutionEngine.MaxRunningExecutions"/>: executions beyond the bound wait their turn in the order they
/// started, and an execution that only waits (a Wait state, a Retry back-off) does not hold a place.
/// </summary>
public class RunningExecutionsBoundTests
{
    private const string Function = "arn:aws:lambda:us-east-1:111111111111:function:work";

    private const string OneTask = """
        { "StartAt": "Work", "States": { "Work": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:work", "End": true } } }
        """;

    [Fact]
    public async Task Executions_beyond_the_bound_start_their_work_in_turn_as_earlier_ones_end()
    {
        var release = new Dictionary<string, TaskCompletionSource<JsonNode?>>();
        var work = new ScriptedTaskInvoker(Function, (invocation, _) =>
        {
            lock (release)
            {
                return release[invocation.ExecutionArn].Task;
            }
        });
        var engine = new ExecutionEngine([work], TimeProvider.System) { MaxRunningExecutions = 2 };
        string[] names = ["a", "b", "c", "d"];
        foreach (string name in names)
        {
            release[Arn(name)] = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        var executions = names.Select(name => engine.Start(Request(name, OneTask))).ToArray();
        await Until(() => work.Calls.Count == 2);
        await Task.Delay(100);
        Assert.Equal(["a", "b"], Called(work).Order());
        Assert.All(executions, execution => Assert.Equal(ExecutionStatus.Running, execution.Status));

        release[Arn("b")].SetResult(new JsonObject());
        await executions[1].Completion.WaitAsync(TimeSpan.FromSeconds(30));
        await Until(() => work.Calls.Count == 3);
        Assert.Equal("c", Called(work)[2]);

        foreach (string name in names)
        {
            release[Arn(name)].TrySetResult(new JsonObject());
        }

        await Task.WhenAll(executions.Select(execution => execution.Completion)).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.All(executions, execution => Assert.Equal(ExecutionStatus.Succeeded, execution.Status));
    }

    [Fact]
    public async Task An_execution_in_a_wait_state_or_a_retry_back_off_lets_the_next_one_run()
    {
        var time = new FakeTimeProvider(EngineHarness.StartTime);
        int calls = 0;
        var work = new ScriptedTaskInvoker(Function, (_, _) => Interlocked.Increment(ref calls) == 1
            ? Task.FromException<JsonNode?>(new StatesLanguage.Tasks.TaskFailedException("Busy", "try later"))
            : Task.FromResult<JsonNode?>(new JsonObject { ["done"] = true }));
        var engine = new ExecutionEngine([work], time) { MaxRunningExecutions = 1 };

        var sleeping = engine.Start(Request("sleeping", """
            { "StartAt": "Hour", "States": { "Hour": { "Type": "Wait", "Seconds": 3600, "End": true } } }
            """));
        var retrying = engine.Start(Request("retrying", """
            {
              "StartAt": "Work",
              "States": {
                "Work": {
                  "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:work",
                  "Retry": [ { "ErrorEquals": [ "Busy" ], "IntervalSeconds": 600, "MaxAttempts": 1 } ],
                  "End": true
                }
              }
            }
            """));
        var quick = engine.Start(Request("quick", """{ "StartAt": "Done", "States": { "Done": { "Type": "Pass", "End": true } } }"""));

        // The clock does not move: the quick execution ends while the others wait an hour and ten minutes.
        await quick.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExecutionStatus.Succeeded, quick.Status);
        Assert.Equal(ExecutionStatus.Running, sleeping.Status);
        Assert.Equal(ExecutionStatus.Running, retrying.Status);

        time.Advance(TimeSpan.FromSeconds(3600));
        await Task.WhenAll(sleeping.Completion, retrying.Completion).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExecutionStatus.Succeeded, sleeping.Status);
        Assert.Equal(ExecutionStatus.Succeeded, retrying.Status);
    }

    [Fact]
    public async Task An_execution_stopped_while_it_waits_for_its_turn_ends_aborted_without_running()
    {
        var never = new TaskCompletionSource<JsonNode?>();
        var work = new ScriptedTaskInvoker(Function, (_, _) => never.Task);
        var engine = new ExecutionEngine([work], TimeProvider.System) { MaxRunningExecutions = 1 };
        var busy = engine.Start(Request("busy", OneTask));
        var queued = engine.Start(Request("queued", OneTask));
        await Until(() => work.Calls.Count == 1);

        queued.Stop("Stopped", "not needed");

        await queued.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExecutionStatus.Aborted, queued.Status);
        Assert.Equal(["ExecutionStarted", "ExecutionAborted"], queued.GetHistory().Select(e => e.Type));
        busy.Stop(null, null);
        Assert.Single(work.Calls);
    }

    [Fact]
    public void A_bound_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExecutionEngine([], TimeProvider.System) { MaxRunningExecutions = 0 });

    private static string Arn(string name) => $"arn:aws:states:us-east-1:111111111111:execution:Bounded:{name}";

    private static ExecutionRequest Request(string name, string definition) =>
        new("arn:aws:states:us-east-1:111111111111:stateMachine:Bounded", Arn(name), name, StateMachineParser.Parse(definition), "{}");

    private static string[] Called(ScriptedTaskInvoker work) =>
        work.Calls.Select(call => call.ExecutionArn[(call.ExecutionArn.LastIndexOf(':') + 1)..]).ToArray();

    private static async Task Until(Func<bool> condition)
    {
        for (int i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
