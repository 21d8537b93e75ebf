using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.Parsing;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tests.Support;

namespace LongLivedTransactions.StatesLanguage.Tests.Engine;

/// <summary>
/// <see cref="ExecutionEngine.Threads"/>: an execution's work runs on the engine's own threads, including after a task
/// call or a retry back-off that ended on the thread pool.
/// </summary>
public class ExecutionThreadsTests
{
    private const string Definition = """
        {
          "StartAt": "First",
          "States": {
            "First": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:work", "Next": "Choose" },
            "Choose": { "Type": "Choice", "Choices": [ { "Variable": "$.done", "BooleanEquals": true, "Next": "Second" } ], "Default": "Second" },
            "Second": {
              "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:111111111111:function:work",
              "Retry": [ { "ErrorEquals": [ "Busy" ], "IntervalSeconds": 1, "MaxAttempts": 2 } ],
              "End": true
            }
          }
        }
        """;

    [Fact]
    public async Task Every_task_call_is_made_from_the_engine_threads_even_after_work_that_ended_on_the_thread_pool()
    {
        var callingThreads = new ConcurrentQueue<string?>();
        var work = new ScriptedTaskInvoker("arn:aws:lambda:us-east-1:111111111111:function:work", async (invocation, cancellation) =>
        {
            callingThreads.Enqueue(Thread.CurrentThread.Name);
            // The answer arrives on the thread pool, as an HTTP response does.
            await Task.Delay(5, cancellation).ConfigureAwait(false);
            return invocation is { StateName: "Second", Attempt: 0 }
                ? throw new TaskFailedException("Busy", "try again")
                : new JsonObject { ["done"] = true };
        });
        using var threads = new ExecutionThreads(2);
        var engine = new ExecutionEngine([work], TimeProvider.System) { Threads = threads, DelayScale = 0.01 };

        var executions = Enumerable.Range(0, 4).Select(i => engine.Start(Request($"run-{i}"))).ToArray();
        await Task.WhenAll(executions.Select(execution => execution.Completion)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(executions, execution => Assert.Equal(ExecutionStatus.Succeeded, execution.Status));
        Assert.Equal(4 * 3, callingThreads.Count);
        Assert.All(callingThreads, name => Assert.StartsWith(ExecutionThreads.ThreadName + " ", name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_Linux_the_work_runs_with_the_threads_nice_value()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // Nice values are Linux's; elsewhere the threads get ThreadPriority.BelowNormal.
        }

        int? niceValue = null;
        var work = ScriptedTaskInvoker.Returning("arn:aws:lambda:us-east-1:111111111111:function:work", _ =>
        {
            // /proc/thread-self/stat: the 19th field is the nice value; the 2nd, in parentheses, may hold spaces.
            string stat = File.ReadAllText("/proc/thread-self/stat");
            niceValue = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
            return new JsonObject { ["done"] = true };
        });
        using var threads = new ExecutionThreads(1);
        var engine = new ExecutionEngine([work], TimeProvider.System) { Threads = threads };

        var execution = engine.Start(Request("nice"));
        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        Assert.Equal(ExecutionThreads.BelowNormalNiceValue, niceValue);
    }

    [Fact]
    public async Task Executions_started_after_the_threads_are_disposed_run_on_the_thread_pool()
    {
        var work = ScriptedTaskInvoker.Returning("arn:aws:lambda:us-east-1:111111111111:function:work", _ => new JsonObject { ["done"] = true });
        var threads = new ExecutionThreads(1);
        var engine = new ExecutionEngine([work], TimeProvider.System) { Threads = threads };
        threads.Dispose();

        var execution = engine.Start(Request("late"));
        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
    }

    [Fact]
    public void Fewer_than_one_thread_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExecutionThreads(0));

    private static ExecutionRequest Request(string name) => new(
        "arn:aws:states:us-east-1:111111111111:stateMachine:Threads",
        $"arn:aws:states:us-east-1:111111111111:execution:Threads:{name}",
        name,
        StateMachineParser.Parse(Definition),
        "{}");
}
