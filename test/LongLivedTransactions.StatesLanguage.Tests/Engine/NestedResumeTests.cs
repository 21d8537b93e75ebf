using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.History;
using LongLivedTransactions.StatesLanguage.Parsing;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using static LongLivedTransactions.StatesLanguage.Tests.Support.ExecutionSteps;

namespace LongLivedTransactions.StatesLanguage.Tests.Engine;

/// <summary>
/// Parallel branches and Map iterations after a redrive (only those that failed run again) and after a restart (those
/// in flight carry on where they were), at any depth, with a history whose ids run on without gaps.
/// </summary>
public class NestedResumeTests
{
    private const string MachineArn = "arn:aws:states:us-east-1:111111111111:stateMachine:Nested";
    private const string ExecutionArn = "arn:aws:states:us-east-1:111111111111:execution:Nested:run-1";
    private const string Work = "arn:aws:lambda:us-east-1:111111111111:function:work";
    private const string Other = "arn:aws:lambda:us-east-1:111111111111:function:other";

    // The right branch waits before its task, so that the left one has ended when the task fails or hangs.
    private const string TwoBranches = """
        {
          "StartAt": "Both",
          "States": {
            "Both": {
              "Type": "Parallel", "End": true,
              "Branches": [
                { "StartAt": "Left", "States": { "Left": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:other", "End": true } } },
                {
                  "StartAt": "Hold",
                  "States": {
                    "Hold": { "Type": "Wait", "Seconds": 2, "Next": "Right" },
                    "Right": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:work", "End": true }
                  }
                }
              ]
            }
          }
        }
        """;

    [Fact]
    public async Task A_redriven_parallel_runs_only_its_failed_branch_and_keeps_the_output_of_the_other()
    {
        var other = ScriptedTaskInvoker.Returning(Other, _ => new JsonObject { ["left"] = true });
        var work = FailingUntil(Work, succeedFromCall: 2, _ => new JsonObject { ["right"] = true });

        var (failed, redriven, whole) = await FailThenRedriveAsync(TwoBranches, "{}", null, other, work);

        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        Assert.Equal(ExecutionStatus.Succeeded, redriven.Status);
        Assert.Single(other.Calls);
        Assert.Equal(2, work.Calls.Count);
        Assert.Equal("""[{"left":true},{"right":true}]""", redriven.OutputJson);
        AssertContiguous(whole);
        Assert.Equal(
            ["ExecutionRedriven", "TaskStateEntered", "LambdaFunctionScheduled", "LambdaFunctionStarted", "LambdaFunctionSucceeded", "TaskStateExited",
             "ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded"],
            AfterRedrive(whole).Select(e => e.Type));
        Assert.Equal("Right", AfterRedrive(whole)[1].Details!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task A_redriven_inline_map_runs_only_its_failed_iterations_and_assembles_the_result_in_order(int maxConcurrency)
    {
        var definition = $$"""
            {
              "StartAt": "Each",
              "States": {
                "Each": {
                  "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": {{maxConcurrency}}, "End": true,
                  "ItemProcessor": {
                    "ProcessorConfig": { "Mode": "INLINE" },
                    "StartAt": "Hold",
                    "States": {
                      "Hold": { "Type": "Wait", "SecondsPath": "$.hold", "Next": "Double" },
                      "Double": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:work", "Parameters": { "n.$": "$.n" }, "ResultSelector": { "doubled.$": "$.doubled" }, "End": true }
                    }
                  }
                }
              }
            }
            """;
        // Items 1 and 3 wait before their task, so that the others have succeeded when they fail; after the redrive
        // every item succeeds.
        const string input = """{ "items": [{ "n": 0, "hold": 0 }, { "n": 1, "hold": 5 }, { "n": 2, "hold": 0 }, { "n": 3, "hold": 5 }, { "n": 4, "hold": 0 }] }""";
        var failing = true;
        var work = new ScriptedTaskInvoker(Work, (call, _) =>
        {
            var n = call.Parameters!["n"]!.GetValue<int>();
            return failing && n is 1 or 3
                ? Task.FromException<JsonNode?>(new TaskFailedException("Flaky", $"item {n}"))
                : Task.FromResult<JsonNode?>(new JsonObject { ["doubled"] = n * 2 });
        });

        var (failed, redriven, whole) = await FailThenRedriveAsync(definition, input, () => failing = false, work);

        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        Assert.Equal(ExecutionStatus.Succeeded, redriven.Status);
        Assert.Equal("""[{"doubled":0},{"doubled":2},{"doubled":4},{"doubled":6},{"doubled":8}]""", redriven.OutputJson);
        var afterRedrive = AfterRedrive(whole);
        var rerun = afterRedrive.Where(e => e.Type == "MapIterationStarted").Select(e => e.Details!["index"]!.GetValue<int>()).Order();
        var invokedAgain = work.Calls.Skip(CallsBefore(failed, whole, Work)).Select(c => c.Parameters!["n"]!.GetValue<int>()).Order();
        if (maxConcurrency == 1)
        {
            // One at a time, the first failure stops the Map: items 2 to 4 had not begun, so they run now.
            Assert.Equal([1, 2, 3, 4], rerun);
            Assert.Equal([1, 2, 3, 4], invokedAgain);
        }
        else
        {
            Assert.Equal([1, 3], rerun);
            Assert.Equal([1, 3], invokedAgain);
        }

        Assert.Single(work.Calls, c => c.Parameters!["n"]!.GetValue<int>() == 0);
        Assert.DoesNotContain(afterRedrive, e => e.Type is "MapStateEntered" or "MapStateStarted");
        Assert.Equal(["MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"], afterRedrive.TakeLast(3).Select(e => e.Type));
        AssertContiguous(whole);
    }

    [Fact]
    public async Task A_branch_that_failed_at_its_second_state_is_redriven_from_that_state()
    {
        const string definition = """
            {
              "StartAt": "Fan",
              "States": {
                "Fan": {
                  "Type": "Parallel", "End": true,
                  "Branches": [
                    {
                      "StartAt": "First",
                      "States": {
                        "First": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:other", "Assign": { "fromFirst.$": "$.n" }, "Next": "Second" },
                        "Second": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:work", "Parameters": { "seen.$": "$fromFirst" }, "End": true }
                      }
                    }
                  ]
                }
              }
            }
            """;
        var other = ScriptedTaskInvoker.Returning(Other, _ => new JsonObject { ["n"] = 41 });
        var work = FailingUntil(Work, succeedFromCall: 2, call => call.Parameters!.DeepClone());

        var (_, redriven, whole) = await FailThenRedriveAsync(definition, "{}", null, other, work);

        Assert.Equal(ExecutionStatus.Succeeded, redriven.Status);
        Assert.Single(other.Calls);
        Assert.Equal("""[{"seen":41}]""", redriven.OutputJson);
        Assert.Single(whole, e => e.Type == "TaskStateEntered" && e.Details!["name"]!.GetValue<string>() == "First");
        AssertContiguous(whole);
    }

    [Fact]
    public async Task Redrive_reaches_a_map_inside_a_parallel_and_a_parallel_inside_a_map_iteration()
    {
        const string definition = """
            {
              "StartAt": "Outer",
              "States": {
                "Outer": {
                  "Type": "Parallel", "End": true,
                  "Branches": [
                    {
                      "StartAt": "Items",
                      "States": {
                        "Items": {
                          "Type": "Map", "ItemsPath": "$.items", "End": true,
                          "ItemProcessor": {
                            "StartAt": "Pair",
                            "States": {
                              "Pair": {
                                "Type": "Parallel", "End": true,
                                "Branches": [
                                  { "StartAt": "Check", "States": { "Check": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:other", "End": true } } },
                                  {
                                    "StartAt": "Hold",
                                    "States": {
                                      "Hold": { "Type": "Wait", "SecondsPath": "$.hold", "Next": "Do" },
                                      "Do": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:work", "Parameters": { "id.$": "$.id" }, "End": true }
                                    }
                                  }
                                ]
                              }
                            }
                          }
                        }
                      }
                    },
                    { "StartAt": "Note", "States": { "Note": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:other", "End": true } } }
                  ]
                }
              }
            }
            """;
        var other = ScriptedTaskInvoker.Returning(Other, call => new JsonObject { ["checked"] = call.Parameters!["id"]?.DeepClone() ?? "all" });
        var failing = true;
        var work = new ScriptedTaskInvoker(Work, (call, _) =>
            failing && call.Parameters!["id"]!.GetValue<string>() == "b"
                ? Task.FromException<JsonNode?>(new TaskFailedException("Once", "b fails once"))
                : Task.FromResult<JsonNode?>(new JsonObject { ["done"] = call.Parameters!["id"]!.DeepClone() }));
        // Item "b" waits before its task, so that everything else has succeeded when it fails.
        const string input = """{ "items": [{ "id": "a", "hold": 0 }, { "id": "b", "hold": 3 }, { "id": "c", "hold": 0 }] }""";

        var (failed, redriven, whole) = await FailThenRedriveAsync(definition, input, () => failing = false, other, work);

        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        Assert.Equal(ExecutionStatus.Succeeded, redriven.Status);
        // Only the Do branch of item "b" runs again: no Check, no other item, not the Note branch.
        var callsBefore = CallsBefore(failed, whole, Work);
        Assert.Equal(["b"], work.Calls.Skip(callsBefore).Select(c => c.Parameters!["id"]!.GetValue<string>()));
        Assert.Equal(4, other.Calls.Count);
        Assert.Single(AfterRedrive(whole), e => e.Type == "LambdaFunctionScheduled");
        AssertJson("""
            [
              [
                [{"checked":"a"},{"done":"a"}],
                [{"checked":"b"},{"done":"b"}],
                [{"checked":"c"},{"done":"c"}]
              ],
              {"checked":"all"}
            ]
            """, redriven.OutputJson);
        Assert.Equal([1], AfterRedrive(whole).Where(e => e.Type == "MapIterationStarted").Select(e => e.Details!["index"]!.GetValue<int>()));
        AssertContiguous(whole);
    }

    [Fact]
    public async Task A_map_iteration_that_fails_again_can_be_redriven_a_second_time()
    {
        const string definition = """
            {
              "StartAt": "Each",
              "States": {
                "Each": {
                  "Type": "Map", "End": true,
                  "ItemProcessor": { "StartAt": "Do", "States": { "Do": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:work", "End": true } } }
                }
              }
            }
            """;
        var secondItemCalls = 0;
        var work = new ScriptedTaskInvoker(Work, (call, _) =>
            call.Parameters!.GetValue<int>() == 2 && Interlocked.Increment(ref secondItemCalls) <= 2
                ? Task.FromException<JsonNode?>(new TaskFailedException("Again", null))
                : Task.FromResult<JsonNode?>(call.Parameters!.DeepClone()));

        var (_, once, history) = await FailThenRedriveAsync(definition, "[1, 2, 3]", null, work);
        Assert.Equal(ExecutionStatus.Failed, once.Status);
        var journal = new ListJournal();
        var twice = new ExecutionEngine([work], new FakeTimeProvider(EngineHarness.StartTime))
            .Redrive(NewRequest(definition, "[1, 2, 3]", journal) with { RedriveCount = 2 }, history, once.StartDate);
        await twice.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExecutionStatus.Succeeded, twice.Status);
        Assert.Equal("[1,2,3]", twice.OutputJson);
        Assert.Equal(5, work.Calls.Count);
        AssertContiguous([.. history, .. journal.Events]);
    }

    [Fact]
    public async Task A_map_in_flight_at_a_crash_keeps_its_finished_iterations_and_its_waits_sleep_only_what_remains()
    {
        const string definition = """
            {
              "StartAt": "Each",
              "States": {
                "Each": {
                  "Type": "Map", "End": true,
                  "ItemProcessor": {
                    "StartAt": "Pause",
                    "States": {
                      "Pause": { "Type": "Wait", "SecondsPath": "$.wait", "Next": "Do" },
                      "Do": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:work", "End": true }
                    }
                  }
                }
              }
            }
            """;
        const string input = """[{ "wait": 10, "id": 0 }, { "wait": 100, "id": 1 }, { "wait": 100, "id": 2 }]""";
        var time = new FakeTimeProvider(EngineHarness.StartTime);
        var work = ScriptedTaskInvoker.Returning(Work, call => call.Parameters!["id"]!.DeepClone());
        var journal = new ListJournal();
        var first = new ExecutionEngine([work], time).Start(NewRequest(definition, input, journal));
        await UntilAsync(() => journal.Types.Count(t => t == "WaitStateEntered") == 3);
        await AdvanceAsync(first, time, TimeSpan.FromSeconds(10));
        await UntilAsync(() => journal.Types.Contains("MapIterationSucceeded"));
        var recorded = journal.Events; // what the database holds when the process dies
        first.Stop(null, null);
        time.Advance(TimeSpan.FromSeconds(40)); // the host was down for 40 seconds

        var resumedJournal = new ListJournal();
        var resumed = new ExecutionEngine([work], time).Resume(NewRequest(definition, input, resumedJournal), recorded, first.StartDate);
        await AdvanceAsync(resumed, time, TimeSpan.FromSeconds(49));
        Assert.Single(work.Calls);
        await AdvanceAsync(resumed, time, TimeSpan.FromSeconds(1));
        await resumed.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExecutionStatus.Succeeded, resumed.Status);
        Assert.Equal("[0,1,2]", resumed.OutputJson);
        Assert.Equal([0, 1, 2], work.Calls.Select(c => c.Parameters!["id"]!.GetValue<int>()).Order());
        var whole = recorded.Concat(resumedJournal.Events).ToList();
        AssertContiguous(whole);
        Assert.Equal(3, whole.Count(e => e.Type == "MapIterationStarted"));
        Assert.Equal(3, whole.Count(e => e.Type == "WaitStateEntered"));
        Assert.DoesNotContain(resumedJournal.Events, e => e.Type is "MapStateEntered" or "MapStateStarted");
    }

    [Fact]
    public async Task A_task_in_flight_in_a_branch_at_a_crash_is_scheduled_again_and_the_finished_branch_is_kept()
    {
        var time = new FakeTimeProvider(EngineHarness.StartTime);
        var other = ScriptedTaskInvoker.Returning(Other, _ => "left");
        var stuck = new ScriptedTaskInvoker(Work, (_, cancellation) => Task.Delay(Timeout.Infinite, cancellation).ContinueWith(_ => (JsonNode?)null, TaskScheduler.Default));
        var journal = new ListJournal();
        var first = new ExecutionEngine([other, stuck], time).Start(NewRequest(TwoBranches, "{}", journal));
        await UntilAsync(() => journal.Types.Contains("WaitStateEntered"));
        await AdvanceAsync(first, time, TimeSpan.FromSeconds(2));
        await UntilAsync(() => journal.Types.Count(t => t == "LambdaFunctionScheduled") == 2);
        var recorded = journal.Events;
        first.Stop(null, null);

        var work = ScriptedTaskInvoker.Returning(Work, _ => "right");
        var resumedJournal = new ListJournal();
        var resumed = new ExecutionEngine([other, work], time).Resume(NewRequest(TwoBranches, "{}", resumedJournal), recorded, first.StartDate);
        await resumed.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExecutionStatus.Succeeded, resumed.Status);
        Assert.Equal("""["left","right"]""", resumed.OutputJson);
        Assert.Single(other.Calls);
        Assert.Single(work.Calls);
        Assert.Equal("LambdaFunctionScheduled", resumedJournal.Events[0].Type);
        var whole = recorded.Concat(resumedJournal.Events).ToList();
        AssertContiguous(whole);
        // The task scheduled again follows the last event of its own branch (LambdaFunctionStarted).
        var rescheduled = resumedJournal.Events[0];
        Assert.NotNull(rescheduled.Scope);
        Assert.Equal(recorded.Last(e => e.Scope == rescheduled.Scope).Id, rescheduled.PreviousEventId);
    }

    /// <summary>Runs the definition until it fails, then redrives it (redrive count 1) with the same invokers.</summary>
    private static async Task<(StatesLanguage.Execution.Execution Failed, StatesLanguage.Execution.Execution Redriven, List<HistoryEvent> Whole)> FailThenRedriveAsync(
        string definition, string input, Action? beforeRedrive, params ITaskInvoker[] invokers)
    {
        var time = new FakeTimeProvider(EngineHarness.StartTime);
        var journal = new ListJournal();
        var failed = new ExecutionEngine(invokers, time).Start(NewRequest(definition, input, journal));
        await EngineHarness.DriveAsync(failed, time);
        beforeRedrive?.Invoke();
        var redriveJournal = new ListJournal();
        var redriven = new ExecutionEngine(invokers, time).Redrive(
            NewRequest(definition, input, redriveJournal) with { RedriveCount = 1 }, journal.Events, failed.StartDate);
        await EngineHarness.DriveAsync(redriven, time);
        return (failed, redriven, [.. journal.Events, .. redriveJournal.Events]);
    }

    private static List<HistoryEvent> AfterRedrive(List<HistoryEvent> whole) =>
        whole.SkipWhile(e => e.Type != "ExecutionRedriven").ToList();

    /// <summary>The invocations of <paramref name="resource"/> made before the redrive: as many as were scheduled before it.</summary>
    private static int CallsBefore(StatesLanguage.Execution.Execution failed, List<HistoryEvent> whole, string resource)
    {
        Assert.Equal(ExecutionStatus.Failed, failed.Status);
        return whole.TakeWhile(e => e.Type != "ExecutionRedriven")
            .Count(e => e.Type == "LambdaFunctionScheduled" && e.Details!["resource"]!.GetValue<string>() == resource);
    }

    /// <summary>Ids run 1, 2, 3... without gaps or repeats, and each event follows one recorded before it.</summary>
    private static void AssertContiguous(List<HistoryEvent> whole)
    {
        Assert.Equal(Enumerable.Range(1, whole.Count).Select(i => (long)i), whole.Select(e => e.Id));
        Assert.All(whole.Skip(1), e => Assert.InRange(e.PreviousEventId, 0, e.Id - 1));
    }

    private static void AssertJson(string expected, string? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual ?? "null")), $"Expected {expected}, got {actual}");

    private static ExecutionRequest NewRequest(string definition, string input, IExecutionJournal journal) =>
        new(MachineArn, ExecutionArn, "run-1", StateMachineParser.Parse(definition), input, Journal: journal);

    /// <summary>An invoker that fails until call number <paramref name="succeedFromCall"/>, which it answers with <paramref name="result"/>.</summary>
    private static ScriptedTaskInvoker FailingUntil(string resource, int succeedFromCall, Func<TaskInvocation, JsonNode?> result)
    {
        var calls = 0;
        return new ScriptedTaskInvoker(resource, (call, _) => Interlocked.Increment(ref calls) < succeedFromCall
            ? Task.FromException<JsonNode?>(new TaskFailedException("Boom", "not yet"))
            : Task.FromResult(result(call)));
    }
}
