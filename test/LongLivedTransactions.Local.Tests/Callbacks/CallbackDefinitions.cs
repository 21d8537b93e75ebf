using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Tests.Api;

namespace LongLivedTransactions.Local.Tests.Callbacks;

/// <summary>State machines with a task that waits for a callback, and the way tests find its token.</summary>
internal static class CallbackDefinitions
{
    public const string Queue = "https://sqs.us-east-1.amazonaws.com/123456789012/approvals";

    /// <summary>Sends the token in an SQS message and waits; a rejection is caught.</summary>
    public static string SqsApproval(string limits = "") => $$"""
        {
          "StartAt": "WaitForApproval",
          "States": {
            "WaitForApproval": {
              "Type": "Task",
              "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": { "QueueUrl": "{{Queue}}", "MessageBody": { "token.$": "$$.Task.Token", "order.$": "$.order" } },
              {{limits}}
              "Catch": [ { "ErrorEquals": [ "Rejected" ], "ResultPath": "$.rejection", "Next": "WasRejected" } ],
              "End": true
            },
            "WasRejected": { "Type": "Pass", "End": true }
          }
        }
        """;

    /// <summary>The token from the TaskScheduled event's parameters, polling until the task is scheduled.</summary>
    public static async Task<string> TokenFromHistoryAsync(Func<string, JsonObject, Task<JsonObject>> call, string executionArn)
    {
        for (int attempt = 0; attempt < 300; attempt++)
        {
            JsonObject history = await call("GetExecutionHistory", new JsonObject { ["executionArn"] = executionArn });
            JsonNode? scheduled = history["events"]!.AsArray().LastOrDefault(e => e!["type"]!.GetValue<string>() == "TaskScheduled");
            if (scheduled is not null)
            {
                JsonNode parameters = JsonNode.Parse(scheduled["taskScheduledEventDetails"]!["parameters"]!.GetValue<string>())!;
                return parameters["MessageBody"]!["token"]!.GetValue<string>();
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{executionArn} never scheduled its task.");
    }

    /// <summary>Creates a STANDARD state machine on the fixture's server and starts one execution of it.</summary>
    public static async Task<(string StateMachineArn, string ExecutionArn)> StartAsync(LocalServerFixture fixture, string definition, string input)
    {
        string name = $"callback-{Guid.NewGuid():N}"[..30];
        JsonObject created = await fixture.CallOkAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = name,
            ["definition"] = definition,
            ["roleArn"] = "arn:aws:iam::123456789012:role/local",
        });
        string machineArn = created["stateMachineArn"]!.GetValue<string>();
        JsonObject started = await fixture.CallOkAsync("StartExecution", new JsonObject { ["stateMachineArn"] = machineArn, ["input"] = input });
        return (machineArn, started["executionArn"]!.GetValue<string>());
    }
}
