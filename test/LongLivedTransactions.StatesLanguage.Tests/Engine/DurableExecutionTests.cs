using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.History;
using LongLivedTransactions.StatesLanguage.Parsing;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static LongLivedTransactions.StatesLanguage.Tests.Support.ExecutionSteps;

namespace LongLivedTransactions.StatesLanguage.Tests.Engine;

/// <summary>The history limit, waits and timeouts of any length, resuming from a recorded history, and redrive.</summary>
public class DurableExecutionTests
{
    private const string Request = "arn:aws:states:us-east-1:111111111111:stateMachine:Durable";
    private const string ExecutionArn = "arn:aws:states:us-east-1:111111111111:execution:Durable:run-1";

    private const string FunctionA = "arn:aws:lambda:us-east-1:111111111111:function:a";
    private const string FunctionB = "arn:aws:lambda:us-east-1:111111111111:function:b";

    private const string TwoTasksWithAWait = """
        {
          "StartAt": "A",
          "States": {
            "A": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:a", "Assign": { "fromA.$": "$.a" }, "Next": "W" },
            "W": { "Type": "Wait", "Seconds": 100, "Next": "B" },
            "B": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:b", "Parameters": { "fromA.$": "$fromA", "redriven.$": "$$.Execution.RedriveCount" }, "End": true }
          }
        }
        """;

    [Fact]
    public async Task An_endless_loop_fails_at_the_25000th_event_with_the_error_aws_reports()
    {
        var execution = await EngineHarness.RunAsync("""
            {
              "StartAt": "Loop",
              "States": {
                "Loop": { "Type": "Pass", "Next": "Again" },
                "Again": { "Type": "Choice", "Choices": [ { "Variable": "$.stop", "BooleanEquals": true, "Next": "Done" } ], "Default": "Loop" },
                "Done": { "Type": "Succeed" }
              }
            }
            """, """{ "stop": false }""");

        Assert.Equal(ExecutionStatus.Failed, execution.Status);
        Assert.Equal("States.Runtime", execution.Error);
        Assert.Equal("The execution reached the maximum number of history events (25000).", execution.Cause);
        var history = execution.GetHistory();
        Assert.Equal(25_000, history.Count);
        Assert.Equal("ExecutionFailed", history[^1].Type);
        Assert.Equal(25_000, history[^1].Id);
    }

    [Fact]
    public async Task Waits_of_sixty_days_and_until_2099_end_on_time()
    {
        var time = new FakeTimeProvider(EngineHarness.StartTime);
        var engine = new ExecutionEngine([], time);
        var execution = engine.Start(NewRequest("""
            {
              "StartAt": "Long",
              "States": {
                "Long": { "Type": "Wait", "Seconds": 5184000, "Next": "Until2099" },
                "Until2099": { "Type": "Wait", "Timestamp": "2099-01-01T00:00:00Z", "End": true }
              }
            }
            """));

        await UntilAsync(() => execution.GetHistory().Any(e => e.Type == "WaitStateEntered"));
        await AdvanceAsync(execution, time, TimeSpan.FromDays(59));
        Assert.Equal(ExecutionStatus.Running, execution.Status);
        await AdvanceAsync(execution, time, TimeSpan.FromDays(1));
        Assert.Contains(execution.GetHistory(), e => e.Type == "WaitStateExited" && e.Details!["name"]!.GetValue<string>() == "Long");
        Assert.Equal(ExecutionStatus.Running, execution.Status);

        await AdvanceAsync(execution, time, new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero) - time.GetUtcNow());
        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        Assert.Equal(new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero), execution.StopDate);
    }

    [Fact]
    public async Task The_largest_state_machine_timeout_starts_and_times_out_when_it_is_due()
    {
        var time = new FakeTimeProvider(EngineHarness.StartTime);
        var engine = new ExecutionEngine([], time);
        var execution = engine.Start(NewRequest("""
            { "TimeoutSeconds": 99999999, "StartAt": "Forever", "States": { "Forever": { "Type": "Wait", "Seconds": 99999999, "Next": "Never" }, "Never": { "Type": "Wait", "Seconds": 99999999, "End": true } } }
            """));

        await AdvanceAsync(execution, time, TimeSpan.FromSeconds(99_999_998));
        Assert.Equal(ExecutionStatus.Running, execution.Status);
        await AdvanceAsync(execution, time, TimeSpan.FromSeconds(2));
        Assert.Equal(ExecutionStatus.TimedOut, execution.Status);
    }

    [Fact]
    public async Task A_task_in_flight_at_a_crash_is_scheduled_again_and_the_states_before_it_are_not()
    {
        var time = new FakeTimeProvider(EngineHarness.StartTime);
        var firstJournal = new ListJournal();
        var a = ScriptedTaskInvoker.Returning(FunctionA, _ => new JsonObject { ["a"] = 1 });
        var stuck = new ScriptedTaskInvoker(FunctionB, (_, cancellation) => Task.Delay(Timeout.Infinite, cancellation).ContinueWith(_ => (JsonNode?)null, TaskScheduler.Default));
        var first = new ExecutionEngine([a, stuck], time).Start(NewRequest(TwoTasksWithAWait, firstJournal));
        await UntilAsync(() => firstJournal.Types.Contains("WaitStateEntered"));
        await AdvanceAsync(first, time, TimeSpan.FromSeconds(100));
        await UntilAsync(() => firstJournal.Types.Count(t => t.EndsWith("Scheduled", StringComparison.Ordinal)) == 2);
        var recorded = firstJournal.Events; // what the database holds when the process dies
        first.Stop(null, null);

        var secondJournal = new ListJournal();
        var b = ScriptedTaskInvoker.Returning(FunctionB, call => new JsonObject { ["b"] = call.Parameters!["fromA"]!.DeepClone() });
        var againA = ScriptedTaskInvoker.Returning(FunctionA, _ => new JsonObject { ["a"] = 2 });
        var resumed = new ExecutionEngine([againA, b], time).Resume(NewRequest(TwoTasksWithAWait, secondJournal), recorded, first.StartDate);
        await resumed.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExecutionStatus.Succeeded, resumed.Status);
        Assert.Empty(againA.Calls);
        Assert.Single(b.Calls);
        Assert.Equal("""{"b":1}""", resumed.OutputJson);
        var whole = recorded.Concat(secondJournal.Events).ToList();
        Assert.Equal(Enumerable.Range(1, whole.Count).Select(i => (long)i), whole.Select(e => e.Id));
        Assert.Single(whole, e => e.Type == "TaskStateEntered" && e.Details!["name"]!.GetValue<string>() == "B");
        Assert.Equal(first.StartDate, resumed.StartDate);
    }

    [Fact]
    public async Task A_wait_resumed_after_a_crash_sleeps_only_what_remains()
    {
        var time = new FakeTimeProvider(EngineHarness.StartTime);
        var journal = new ListJournal();
        var a = ScriptedTaskInvoker.Returning(FunctionA, _ => new JsonObject { ["a"] = 1 });
        var first = new ExecutionEngine([a], time).Start(NewRequest(TwoTasksWithAWait, journal));
        await UntilAsync(() => journal.Types.Contains("WaitStateEntered"));
        var recorded = journal.Events;
        first.Stop(null, null);
        time.Advance(TimeSpan.FromSeconds(40)); // the host was down for 40 seconds

        var b = ScriptedTaskInvoker.Returning(FunctionB, _ => new JsonObject());
        var resumed = new ExecutionEngine([a, b], time).Resume(NewRequest(TwoTasksWithAWait, new ListJournal()), recorded, first.StartDate);
        await AdvanceAsync(resumed, time, TimeSpan.FromSeconds(59));
        Assert.Empty(b.Calls);
        await AdvanceAsync(resumed, time, TimeSpan.FromSeconds(1));
        Assert.Equal(ExecutionStatus.Succeeded, resumed.Status);
        Assert.Single(b.Calls);
        Assert.Single(a.Calls);
    }

    [Fact]
    public async Task Between_two_states_a_resumed_execution_enters_the_next_one_with_its_variables()
    {
        var time = new FakeTimeProvider(EngineHarness.StartTime);
        var journal = new ListJournal();
        var a = ScriptedTaskInvoker.Returning(FunctionA, _ => new JsonObject { ["a"] = "kept" });
        var b = ScriptedTaskInvoker.Returning(FunctionB, call => call.Parameters!.DeepClone());
        var complete = new ExecutionEngine([a, b], time).Start(NewRequest(TwoTasksWithAWait, journal));
        await UntilAsync(() => journal.Types.Contains("WaitStateEntered"));
        await AdvanceAsync(complete, time, TimeSpan.FromSeconds(100));
        Assert.Equal(ExecutionStatus.Succeeded, complete.Status);
        var upToExit = journal.Events.TakeWhile(e => e.Type != "WaitStateEntered").ToList();
        Assert.Equal("TaskStateExited", upToExit[^1].Type);
        Assert.Equal("W", upToExit[^1].NextState);

        var againJournal = new ListJournal();
        var again = new ExecutionEngine([a, b], time).Resume(NewRequest(TwoTasksWithAWait, againJournal), upToExit, complete.StartDate);
        await UntilAsync(() => againJournal.Types.Contains("WaitStateEntered"));
        await AdvanceAsync(again, time, TimeSpan.FromSeconds(100));

        Assert.Equal(ExecutionStatus.Succeeded, again.Status);
        Assert.Single(a.Calls);
        Assert.Equal("""{"fromA":"kept","redriven":0}""", again.OutputJson);
    }

    [Fact]
    public async Task A_redriven_execution_runs_the_failed_state_again_and_not_the_ones_that_succeeded()
    {
        var time = new FakeTimeProvider(EngineHarness.StartTime);
        var journal = new ListJournal();
        var a = ScriptedTaskInvoker.Returning(FunctionA, _ => new JsonObject { ["a"] = 7 });
        var failing = new ScriptedTaskInvoker(FunctionB, (_, _) => Task.FromException<JsonNode?>(new TaskFailedException("Boom", "not yet")));
        var failed = new ExecutionEngine([a, failing], time).Start(NewRequest(TwoTasksWithAWait, journal));
        await UntilAsync(() => journal.Types.Contains("WaitStateEntered"));
        await AdvanceAsync(failed, time, TimeSpan.FromSeconds(100));
        Assert.Equal(ExecutionStatus.Failed, failed.Status);

        var redriveJournal = new ListJournal();
        var b = ScriptedTaskInvoker.Returning(FunctionB, call => call.Parameters!.DeepClone());
        var redriven = new ExecutionEngine([a, b], time).Redrive(
            NewRequest(TwoTasksWithAWait, redriveJournal) with { RedriveCount = 1 }, journal.Events, failed.StartDate);
        await redriven.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExecutionStatus.Succeeded, redriven.Status);
        Assert.Single(a.Calls);
        Assert.Equal("""{"fromA":7,"redriven":1}""", redriven.OutputJson);
        var added = redriveJournal.Events;
        Assert.Equal("ExecutionRedriven", added[0].Type);
        Assert.Equal(journal.Events[^1].Id + 1, added[0].Id);
        Assert.Equal(1, added[0].Details!["redriveCount"]!.GetValue<int>());
        Assert.Equal("TaskStateEntered", added[1].Type);
        Assert.Equal("B", added[1].Details!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_execution_told_to_fail_at_its_next_transition_finishes_its_wait_first()
    {
        var time = new FakeTimeProvider(EngineHarness.StartTime);
        var journal = new ListJournal();
        var a = ScriptedTaskInvoker.Returning(FunctionA, _ => new JsonObject { ["a"] = 1 });
        var execution = new ExecutionEngine([a], time).Start(NewRequest(TwoTasksWithAWait, journal));
        await UntilAsync(() => journal.Types.Contains("WaitStateEntered"));
        execution.FailAtNextTransition("States.Runtime", "State machine Durable has been deleted.");
        await AdvanceAsync(execution, time, TimeSpan.FromSeconds(99));
        Assert.Equal(ExecutionStatus.Running, execution.Status);
        await AdvanceAsync(execution, time, TimeSpan.FromSeconds(1));

        Assert.Equal(ExecutionStatus.Failed, execution.Status);
        Assert.Equal(("States.Runtime", "State machine Durable has been deleted."), (execution.Error, execution.Cause));
        Assert.Equal(["WaitStateExited", "ExecutionFailed"], journal.Types.TakeLast(2));
    }

    [Fact]
    public void An_execution_that_has_ended_cannot_be_resumed_and_one_that_succeeded_cannot_be_redriven()
    {
        var time = new FakeTimeProvider(EngineHarness.StartTime);
        var engine = new ExecutionEngine([], time);
        HistoryEvent[] succeeded =
        [
            new(1, 0, time.GetUtcNow(), "ExecutionStarted", "executionStartedEventDetails", new JsonObject { ["input"] = "{}" }),
            new(2, 1, time.GetUtcNow(), "ExecutionSucceeded", "executionSucceededEventDetails", new JsonObject { ["output"] = "{}" }),
        ];
        Assert.Throws<InvalidOperationException>(() => engine.Resume(NewRequest(TwoTasksWithAWait), succeeded, time.GetUtcNow()));
        Assert.Throws<InvalidOperationException>(() => engine.Redrive(NewRequest(TwoTasksWithAWait), succeeded, time.GetUtcNow()));
    }

    private static ExecutionRequest NewRequest(string definition, IExecutionJournal? journal = null) =>
        new(Request, ExecutionArn, "run-1", StateMachineParser.Parse(definition), "{}", Journal: journal);
}
