using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.Parsing;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;
using LongLivedTransactions.StatesLanguage.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace LongLivedTransactions.StatesLanguage.Tests.Engine;

/// <summary>Task states with <c>.waitForTaskToken</c>: the token, TaskSubmitted, the three callbacks, the limits, and a restart.</summary>
public class CallbackTaskTests
{
    private const string Queue = "https://sqs.us-east-1.amazonaws.com/111111111111/work";

    private static string WaitingTask(string extra = "", string parameters = """ "Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/111111111111/work", "MessageBody": { "token.$": "$$.Task.Token", "input.$": "$" } } """) => $$"""
        {
          "StartAt": "Ask",
          "States": {
            "Ask": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", {{parameters}}, {{extra}} "End": true }
          }
        }
        """;

    [Fact]
    public async Task SendTaskSuccess_completes_the_task_with_its_output_after_TaskSubmitted_recorded_the_response()
    {
        var (engine, queue, time) = NewEngine();
        var execution = Start(engine, WaitingTask(), """{ "order": 7 }""");
        var message = await queue.NextAsync();
        var token = message["token"]!.GetValue<string>();
        Assert.Equal(7, message["input"]!["order"]!.GetValue<int>());

        var waiting = Assert.Single(engine.Callbacks.Waiting());
        Assert.Equal((token, "Ask", EngineHarness.ExecutionArn), (waiting.TaskToken, waiting.StateName, waiting.ExecutionArn));
        Assert.True(engine.Callbacks.SendSuccess(token, """{ "approved": true }"""));
        await EngineHarness.DriveAsync(execution, time);

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        EngineHarness.AssertJson("""{ "approved": true }""", EngineHarness.Output(execution));
        Assert.Equal(
            ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"],
            execution.GetHistory().Select(e => e.Type));
        var submitted = EngineHarness.Events(execution, "TaskSubmitted").Single().Details!;
        Assert.Equal(("sqs", "sendMessage.waitForTaskToken"), (submitted["resourceType"]!.GetValue<string>(), submitted["resource"]!.GetValue<string>()));
        var response = JsonNode.Parse(submitted["output"]!.GetValue<string>())!;
        Assert.Equal(Md5(queue.Bodies.Single()), response["MD5OfMessageBody"]!.GetValue<string>());
        var scheduled = JsonNode.Parse(EngineHarness.Events(execution, "TaskScheduled").Single().Details!["parameters"]!.GetValue<string>())!;
        Assert.Equal(token, scheduled["MessageBody"]!["token"]!.GetValue<string>());

        // The task has ended: its token answers nothing any more.
        Assert.Empty(engine.Callbacks.Waiting());
        Assert.False(engine.Callbacks.SendSuccess(token, "{}"));
        Assert.NotNull(engine.Callbacks.Read(token));
        Assert.Null(engine.Callbacks.Read(token[..^2] + (token[^2] == 'A' ? "BA" : "AA")));
    }

    [Fact]
    public async Task SendTaskFailure_fails_the_task_with_its_error_and_cause_which_a_Catch_matches()
    {
        var (engine, queue, time) = NewEngine();
        var execution = Start(engine, """
            {
              "StartAt": "Ask",
              "States": {
                "Ask": {
                  "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/111111111111/work", "MessageBody": { "token.$": "$$.Task.Token" } },
                  "Catch": [ { "ErrorEquals": [ "Order.Rejected" ], "ResultPath": "$.rejection", "Next": "Rejected" } ],
                  "End": true
                },
                "Rejected": { "Type": "Pass", "End": true }
              }
            }
            """, "{}");
        var token = (await queue.NextAsync())["token"]!.GetValue<string>();
        Assert.True(engine.Callbacks.SendFailure(token, "Order.Rejected", "out of stock"));
        await EngineHarness.DriveAsync(execution, time);

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        EngineHarness.AssertJson("""{ "rejection": { "Error": "Order.Rejected", "Cause": "out of stock" } }""", EngineHarness.Output(execution));
        var failed = EngineHarness.Events(execution, "TaskFailed").Single().Details!;
        Assert.Equal(("Order.Rejected", "out of stock"), (failed["error"]!.GetValue<string>(), failed["cause"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Without_a_heartbeat_in_time_the_task_times_out_with_States_HeartbeatTimeout_and_each_heartbeat_restarts_the_clock()
    {
        var (engine, queue, time) = NewEngine();
        var execution = Start(engine, WaitingTask(""" "HeartbeatSeconds": 5, "TimeoutSeconds": 100, """), "{}");
        var token = (await queue.NextAsync())["token"]!.GetValue<string>();
        await Task.Delay(100);

        for (var beat = 0; beat < 3; beat++)
        {
            await AdvanceAsync(time, 4);
            Assert.True(engine.Callbacks.SendHeartbeat(token));
            await Task.Delay(100); // the task arms its next heartbeat timer
        }

        // 12 s have passed, more than twice the heartbeat: the heartbeats kept the task waiting.
        await AdvanceAsync(time, 4);
        Assert.Equal(ExecutionStatus.Running, execution.Status);
        await AdvanceAsync(time, 1);
        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(ExecutionStatus.Failed, execution.Status);
        Assert.Equal("States.HeartbeatTimeout", execution.Error);
        var timedOut = EngineHarness.Events(execution, "TaskTimedOut").Single().Details!;
        Assert.Equal("States.HeartbeatTimeout", timedOut["error"]!.GetValue<string>());
        Assert.False(engine.Callbacks.SendHeartbeat(token));
    }

    [Fact]
    public async Task TimeoutSeconds_ends_the_wait_with_States_Timeout_and_the_token_then_answers_nothing()
    {
        var (engine, queue, time) = NewEngine();
        var execution = Start(engine, WaitingTask(""" "TimeoutSeconds": 30, """), "{}");
        var token = (await queue.NextAsync())["token"]!.GetValue<string>();
        await EngineHarness.DriveAsync(execution, time);

        Assert.Equal(ExecutionStatus.Failed, execution.Status);
        Assert.Equal("States.Timeout", execution.Error);
        Assert.Equal(
            ["TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskTimedOut", "ExecutionFailed"],
            execution.GetHistory().Skip(2).Select(e => e.Type));
        var elapsed = execution.GetHistory()[^1].Timestamp - execution.StartDate;
        Assert.InRange(elapsed.TotalSeconds, 30, 32);
        Assert.False(engine.Callbacks.SendSuccess(token, "{}"));
    }

    [Fact]
    public async Task A_retried_callback_gets_a_new_token_and_the_failed_attempts_token_is_no_longer_answerable()
    {
        var (engine, queue, time) = NewEngine();
        var execution = Start(engine, WaitingTask("""
            "Retry": [ { "ErrorEquals": [ "Try.Again" ], "IntervalSeconds": 1, "MaxAttempts": 1 } ],
            """, """ "Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/111111111111/work", "MessageBody": { "token.$": "$$.Task.Token", "retry.$": "$$.State.RetryCount" } } """), "{}");
        var first = await queue.NextAsync();
        Assert.True(engine.Callbacks.SendFailure(first["token"]!.GetValue<string>(), "Try.Again", null));
        var second = await queue.NextAsync(time);

        Assert.Equal((0, 1), (first["retry"]!.GetValue<int>(), second["retry"]!.GetValue<int>()));
        Assert.NotEqual(first["token"]!.GetValue<string>(), second["token"]!.GetValue<string>());
        Assert.False(engine.Callbacks.SendSuccess(first["token"]!.GetValue<string>(), """ "late" """));
        Assert.True(engine.Callbacks.SendSuccess(second["token"]!.GetValue<string>(), """ "second" """));
        await EngineHarness.DriveAsync(execution, time);
        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        Assert.Equal("\"second\"", execution.OutputJson);
    }

    [Fact]
    public async Task A_JSONata_task_reads_its_token_from_states_context_Task_Token()
    {
        var (engine, queue, time) = NewEngine();
        var execution = Start(engine, """
            {
              "QueryLanguage": "JSONata",
              "StartAt": "Ask",
              "States": {
                "Ask": {
                  "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Arguments": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/111111111111/work", "MessageBody": { "token": "{% $states.context.Task.Token %}" } },
                  "Output": "{% $states.result.answer %}",
                  "End": true
                }
              }
            }
            """, "{}");
        var token = (await queue.NextAsync())["token"]!.GetValue<string>();
        Assert.True(engine.Callbacks.SendSuccess(token, """{ "answer": 42 }"""));
        await EngineHarness.DriveAsync(execution, time);
        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        Assert.Equal("42", execution.OutputJson);
    }

    [Fact]
    public async Task Callback_tasks_in_Map_iterations_and_Parallel_branches_each_wait_for_their_own_token()
    {
        var (engine, queue, time) = NewEngine();
        var execution = Start(engine, """
            {
              "StartAt": "Both",
              "States": {
                "Both": {
                  "Type": "Parallel",
                  "Branches": [
                    {
                      "StartAt": "Each",
                      "States": {
                        "Each": {
                          "Type": "Map", "ItemsPath": "$.items",
                          "ItemProcessor": {
                            "StartAt": "AskItem",
                            "States": {
                              "AskItem": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                                "Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/111111111111/work", "MessageBody": { "token.$": "$$.Task.Token", "item.$": "$" } }, "End": true }
                            }
                          },
                          "End": true
                        }
                      }
                    },
                    {
                      "StartAt": "AskBranch",
                      "States": {
                        "AskBranch": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                          "Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/111111111111/work", "MessageBody": { "token.$": "$$.Task.Token", "item": "branch" } }, "End": true }
                      }
                    }
                  ],
                  "End": true
                }
              }
            }
            """, """{ "items": [ "a", "b" ] }""");
        var messages = new[] { await queue.NextAsync(), await queue.NextAsync(), await queue.NextAsync() };
        Assert.Equal(3, messages.Select(m => m["token"]!.GetValue<string>()).Distinct().Count());
        Assert.Equal(3, engine.Callbacks.Waiting(EngineHarness.ExecutionArn).Count);
        foreach (var message in messages)
        {
            var item = message["item"]!.GetValue<string>();
            Assert.True(engine.Callbacks.SendSuccess(message["token"]!.GetValue<string>(), $$"""{ "done": "{{item}}" }"""));
        }

        await EngineHarness.DriveAsync(execution, time);
        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        EngineHarness.AssertJson("""[ [ { "done": "a" }, { "done": "b" } ], { "done": "branch" } ]""", EngineHarness.Output(execution));
    }

    [Fact]
    public async Task Stopping_the_execution_while_it_waits_clears_its_token()
    {
        var (engine, queue, _) = NewEngine();
        var execution = Start(engine, WaitingTask(), "{}");
        var token = (await queue.NextAsync())["token"]!.GetValue<string>();
        Assert.Single(engine.Callbacks.Waiting());

        execution.Stop("Operator", "no longer needed");
        await execution.Completion;
        await WaitUntilAsync(() => engine.Callbacks.Waiting().Count == 0);
        Assert.False(engine.Callbacks.SendSuccess(token, "{}"));
        Assert.Equal(ExecutionStatus.Aborted, execution.Status);
    }

    [Fact]
    public async Task The_context_object_has_a_task_token_only_for_a_task_that_waits_for_one()
    {
        var (engine, queue, time) = NewEngine();
        var execution = Start(engine, """
            {
              "StartAt": "Send",
              "States": {
                "Send": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
                  "Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/111111111111/work", "MessageBody.$": "$$" }, "End": true }
              }
            }
            """, "{}");
        await EngineHarness.DriveAsync(execution, time);
        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        var context = JsonNode.Parse(queue.Bodies.Single())!.AsObject();
        Assert.True(context.ContainsKey("State"));
        Assert.False(context.ContainsKey("Task"));
        var output = EngineHarness.Output(execution)!;
        Assert.Equal(Md5(queue.Bodies.Single()), output["MD5OfMessageBody"]!.GetValue<string>());
        Assert.Equal(200, output["SdkHttpMetadata"]!["HttpStatusCode"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task After_a_restart_the_task_waits_for_the_same_token_and_sends_its_request_again_only_if_TaskSubmitted_was_not_recorded(bool submitted)
    {
        var key = TaskCallbacksKey();
        var time = new FakeTimeProvider(EngineHarness.StartTime);
        var queue = new RecordingQueue();
        var before = new ExecutionEngine([new SqsSendMessageTaskInvoker(queue, time)], time) { Callbacks = new(key) };
        var definition = StateMachineParser.Parse(WaitingTask(""" "TimeoutSeconds": 3600, """));
        var request = new ExecutionRequest(EngineHarness.StateMachineArn, EngineHarness.ExecutionArn, "run-1", definition, """{ "order": 1 }""");
        var first = before.Start(request);
        var token = (await queue.NextAsync())["token"]!.GetValue<string>();
        await WaitUntilAsync(() => first.GetHistory().Any(e => e.Type == "TaskSubmitted"));
        var history = first.GetHistory().Where(e => submitted || e.Type != "TaskSubmitted").ToList();
        first.Stop(null, null); // the old host is gone

        var after = new ExecutionEngine([new SqsSendMessageTaskInvoker(queue, time)], time) { Callbacks = new(key) };
        var resumed = after.Resume(request, history, first.StartDate);
        if (!submitted)
        {
            Assert.Equal(token, (await queue.NextAsync())["token"]!.GetValue<string>());
        }

        await WaitUntilAsync(() => after.Callbacks.Waiting().Count == 1);
        Assert.Equal(token, after.Callbacks.Waiting().Single().TaskToken);
        Assert.Equal(submitted ? 1 : 2, queue.Bodies.Length);
        Assert.True(after.Callbacks.SendSuccess(token, """ "done" """));
        await EngineHarness.DriveAsync(resumed, time);

        Assert.Equal(ExecutionStatus.Succeeded, resumed.Status);
        Assert.Equal(
            ["TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"],
            resumed.GetHistory().Skip(2).Select(e => e.Type));
    }

    [Fact]
    public async Task After_a_restart_a_callback_task_inside_a_Parallel_branch_waits_for_the_same_token_without_sending_again()
    {
        var key = TaskCallbacksKey();
        var time = new FakeTimeProvider(EngineHarness.StartTime);
        var queue = new RecordingQueue();
        var before = new ExecutionEngine([new SqsSendMessageTaskInvoker(queue, time)], time) { Callbacks = new(key) };
        var definition = StateMachineParser.Parse("""
            {
              "StartAt": "Both",
              "States": {
                "Both": {
                  "Type": "Parallel", "End": true,
                  "Branches": [
                    { "StartAt": "Quick", "States": { "Quick": { "Type": "Pass", "Result": "quick", "End": true } } },
                    {
                      "StartAt": "Ask",
                      "States": {
                        "Ask": {
                          "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "End": true,
                          "Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/111111111111/work", "MessageBody": { "token.$": "$$.Task.Token" } }
                        }
                      }
                    }
                  ]
                }
              }
            }
            """);
        var request = new ExecutionRequest(EngineHarness.StateMachineArn, EngineHarness.ExecutionArn, "run-1", definition, "{}");
        var first = before.Start(request);
        var token = (await queue.NextAsync())["token"]!.GetValue<string>();
        await WaitUntilAsync(() => first.GetHistory().Any(e => e.Type == "TaskSubmitted") && first.GetHistory().Any(e => e.Type == "PassStateExited"));
        var history = first.GetHistory().ToList();
        first.Stop(null, null); // the old host is gone

        var after = new ExecutionEngine([new SqsSendMessageTaskInvoker(queue, time)], time) { Callbacks = new(key) };
        var resumed = after.Resume(request, history, first.StartDate);
        await WaitUntilAsync(() => after.Callbacks.Waiting().Count == 1);
        Assert.Equal(token, after.Callbacks.Waiting().Single().TaskToken);
        Assert.True(after.Callbacks.SendSuccess(token, """ "answered" """));
        await EngineHarness.DriveAsync(resumed, time);

        Assert.Equal(ExecutionStatus.Succeeded, resumed.Status);
        EngineHarness.AssertJson("""["quick", "answered"]""", EngineHarness.Output(resumed));
        Assert.Single(queue.Bodies);
        Assert.Equal(1, resumed.GetHistory().Count(e => e.Type == "PassStateEntered"));
    }

    [Fact]
    public async Task A_task_waiting_for_its_callback_does_not_keep_other_executions_from_running()
    {
        var time = new FakeTimeProvider(EngineHarness.StartTime);
        var queue = new RecordingQueue();
        var engine = new ExecutionEngine([new SqsSendMessageTaskInvoker(queue, time)], time) { MaxRunningExecutions = 1 };
        var waiting = Start(engine, WaitingTask(), "{}");
        var token = (await queue.NextAsync())["token"]!.GetValue<string>();

        var other = engine.Start(new ExecutionRequest(
            EngineHarness.StateMachineArn, EngineHarness.ExecutionArn + "-other", "other",
            StateMachineParser.Parse("""{ "StartAt": "Done", "States": { "Done": { "Type": "Pass", "End": true } } }"""), "{}"));
        await other.Completion.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(ExecutionStatus.Succeeded, other.Status);

        Assert.True(engine.Callbacks.SendSuccess(token, "{}"));
        await EngineHarness.DriveAsync(waiting, time);
        Assert.Equal(ExecutionStatus.Succeeded, waiting.Status);
    }

    private static byte[] TaskCallbacksKey() => Execution.Callbacks.TaskCallbacks.NewKey();

    private static (ExecutionEngine Engine, RecordingQueue Queue, FakeTimeProvider Time) NewEngine()
    {
        var time = new FakeTimeProvider(EngineHarness.StartTime);
        var queue = new RecordingQueue();
        return (new ExecutionEngine([new SqsSendMessageTaskInvoker(queue, time)], time), queue, time);
    }

    private static StatesLanguage.Execution.Execution Start(ExecutionEngine engine, string definition, string input) =>
        engine.Start(new ExecutionRequest(EngineHarness.StateMachineArn, EngineHarness.ExecutionArn, "run-1", StateMachineParser.Parse(definition), input));

    private static async Task AdvanceAsync(FakeTimeProvider time, int seconds)
    {
        for (var second = 0; second < seconds; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 500 && !condition(); attempt++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "The condition was not met in time.");
    }

#pragma warning disable CA5351 // SQS's MD5OfMessageBody is a checksum.
    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    /// <summary>An SQS queue in memory: the messages sent, in order, and a way to wait for the next.</summary>
    private sealed class RecordingQueue : ISqsSender
    {
        private readonly ConcurrentQueue<string> _bodies = new();
        private readonly Channel<string> _unread = Channel.CreateUnbounded<string>();

        public string[] Bodies => _bodies.ToArray();

        public Task<string> SendMessageAsync(string queueUrl, string messageBody, CancellationToken ct)
        {
            Assert.Equal(Queue, queueUrl);
            _bodies.Enqueue(messageBody);
            _unread.Writer.TryWrite(messageBody);
            return Task.FromResult(Guid.NewGuid().ToString());
        }

        /// <summary>The next message, advancing the fake clock (a retry's back-off) until it is sent.</summary>
        public async Task<JsonObject> NextAsync(FakeTimeProvider time)
        {
            for (var second = 0; second < 60 && !_unread.Reader.TryPeek(out _); second++)
            {
                time.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(50);
            }

            return await NextAsync();
        }

        public async Task<JsonObject> NextAsync()
        {
            var body = await _unread.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            return JsonNode.Parse(body)!.AsObject();
        }
    }
}
