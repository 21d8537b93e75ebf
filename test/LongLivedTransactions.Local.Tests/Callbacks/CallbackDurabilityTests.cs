using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Tests.Api;
using LongLivedTransactions.Local.Tests.Durability;

namespace LongLivedTransactions.Local.Tests.Callbacks;

/// <summary>A real <c>up</c> process: a waiting task keeps its token across a kill, and its limits ignore --time-scale.</summary>
public sealed class CallbackDurabilityTests : IDisposable
{
    private readonly string stateDirectory = Path.Combine(Path.GetTempPath(), $"llt-callbacks-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(stateDirectory))
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_task_waiting_when_the_host_is_killed_still_waits_after_the_restart_and_its_old_token_completes_it()
    {
        string executionArn;
        string token;
        await using (UpProcess first = await UpProcess.StartAsync(stateDirectory))
        {
            executionArn = await StartAsync(first, CallbackDefinitions.SqsApproval(""" "TimeoutSeconds": 3600, """), """{ "order": "kept" }""");
            token = await CallbackDefinitions.TokenFromHistoryAsync(first.CallOkAsync, executionArn);
            await WaitForEventAsync(first, executionArn, "TaskSubmitted");
            await first.KillAsync();
        }

        await using UpProcess second = await UpProcess.StartAsync(stateDirectory);
        Assert.Equal(1, second.ResumedExecutions);
        await second.CallOkAsync("SendTaskSuccess", new JsonObject { ["taskToken"] = token, ["output"] = """{ "approved": "after restart" }""" });
        JsonObject ended = await WaitForEndAsync(second, executionArn);

        Assert.Equal("SUCCEEDED", ended["status"]!.GetValue<string>());
        Assert.Equal("after restart", JsonNode.Parse(ended["output"]!.GetValue<string>())!["approved"]!.GetValue<string>());
        string[] types = await EventTypesAsync(second, executionArn);

        // TaskSubmitted was recorded before the kill, so the message was not sent again.
        Assert.Equal(
            ["ExecutionStarted", "TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted", "TaskSucceeded", "TaskStateExited", "ExecutionSucceeded"],
            types);
    }

    [Fact]
    public async Task At_time_scale_zero_an_hour_long_Wait_passes_at_once_while_HeartbeatSeconds_keeps_its_real_length()
    {
        await using UpProcess up = await UpProcess.StartAsync(stateDirectory, "--time-scale", "0");
        string definition = """
            {
              "StartAt": "AnHour",
              "States": {
                "AnHour": { "Type": "Wait", "Seconds": 3600, "Next": "WaitForApproval" },
                "WaitForApproval": {
                  "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                  "Parameters": { "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/approvals", "MessageBody": { "token.$": "$$.Task.Token" } },
                  "HeartbeatSeconds": 5,
                  "End": true
                }
              }
            }
            """;
        string executionArn = await StartAsync(up, definition, "{}");

        // The hour-long Wait is over long before its hour: the task was submitted.
        await WaitForEventAsync(up, executionArn, "TaskSubmitted");
        JsonObject ended = await WaitForEndAsync(up, executionArn);
        Assert.Equal(("FAILED", "States.HeartbeatTimeout"), (ended["status"]!.GetValue<string>(), ended["error"]!.GetValue<string>()));

        JsonArray events = (await up.CallOkAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = executionArn }))["events"]!.AsArray();
        double submitted = events.Single(e => e!["type"]!.GetValue<string>() == "TaskSubmitted")!["timestamp"]!.GetValue<double>();
        double timedOut = events.Single(e => e!["type"]!.GetValue<string>() == "TaskTimedOut")!["timestamp"]!.GetValue<double>();
        Assert.True(timedOut - submitted >= 4.9, $"The heartbeat ran out after {timedOut - submitted} s, not after its 5 s.");
    }

    private static async Task<string> StartAsync(UpProcess up, string definition, string input)
    {
        JsonObject created = await up.CallOkAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = $"callback-{Guid.NewGuid():N}"[..30],
            ["definition"] = definition,
            ["roleArn"] = "arn:aws:iam::123456789012:role/local",
        });
        JsonObject started = await up.CallOkAsync("StartExecution", new JsonObject
        {
            ["stateMachineArn"] = created["stateMachineArn"]!.GetValue<string>(),
            ["input"] = input,
        });
        return started["executionArn"]!.GetValue<string>();
    }

    private static async Task<string[]> EventTypesAsync(UpProcess up, string executionArn) =>
        (await up.CallOkAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = executionArn }))["events"]!.AsArray()
            .Select(e => e!["type"]!.GetValue<string>())
            .ToArray();

    private static Task<List<string>> WaitForEventAsync(UpProcess up, string executionArn, string type) =>
        ExecutionHistoryPolling.WaitForAsync(up.CallOkAsync, executionArn, types => types.Contains(type));

    private static async Task<JsonObject> WaitForEndAsync(UpProcess up, string executionArn)
    {
        for (int attempt = 0; attempt < 1200; attempt++)
        {
            JsonObject description = await up.CallOkAsync("DescribeExecution", new JsonObject { ["executionArn"] = executionArn });
            if (description["status"]!.GetValue<string>() != "RUNNING")
            {
                return description;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{executionArn} still runs.");
    }
}
