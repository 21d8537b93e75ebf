using System.Diagnostics;
using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Notifications;
using LongLivedTransactions.Local.Tests.Api;
using LongLivedTransactions.Local.Tests.Cli;

namespace LongLivedTransactions.Local.Tests.Callbacks;

/// <summary>SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat through the AWS CLI, boto3 and the raw protocol.</summary>
public sealed class CallbackApiTests(LocalServerFixture fixture) : IClassFixture<LocalServerFixture>
{
    [Fact]
    public async Task The_AWS_CLI_answers_a_task_with_the_token_from_its_SQS_message_and_a_used_token_is_TaskTimedOut()
    {
        var cli = new AwsCli(fixture.RepositoryRoot, fixture.Endpoint);
        var (_, executionArn) = await CallbackDefinitions.StartAsync(fixture, CallbackDefinitions.SqsApproval(), """{ "order": "o-1" }""");
        SentMessage message = await MessageForAsync("o-1");
        string token = JsonNode.Parse(message.Body)!["token"]!.GetValue<string>();

        // Both answer an empty structure, which the CLI prints as nothing.
        Assert.Equal(0, (await cli.RunAsync("stepfunctions", "send-task-heartbeat", "--task-token", token)).ExitCode);
        Assert.Equal(0, (await cli.RunAsync("stepfunctions", "send-task-success", "--task-token", token, "--task-output", """{"approved":true}""")).ExitCode);
        JsonObject ended = await cli.WaitForEndAsync(executionArn);
        Assert.Equal("SUCCEEDED", ended["status"]!.GetValue<string>());
        Assert.Equal("""{"approved":true}""", ended["output"]!.GetValue<string>());

        JsonObject history = await cli.JsonAsync("stepfunctions", "get-execution-history", "--execution-arn", executionArn);
        JsonNode submitted = history["events"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == "TaskSubmitted")!;
        JsonNode response = JsonNode.Parse(submitted["taskSubmittedEventDetails"]!["output"]!.GetValue<string>())!;
        Assert.Equal(message.MessageId, response["MessageId"]!.GetValue<string>());

        AwsCli.Result again = await cli.RunAsync("stepfunctions", "send-task-success", "--task-token", token, "--task-output", "{}");
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("(TaskTimedOut)", again.Error, StringComparison.Ordinal);
        Assert.Contains("Provided task does not exist anymore", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendTaskFailure_from_the_CLI_is_caught_by_the_state_and_the_error_cases_answer_in_the_api_error_shape()
    {
        var cli = new AwsCli(fixture.RepositoryRoot, fixture.Endpoint);
        var (_, executionArn) = await CallbackDefinitions.StartAsync(fixture, CallbackDefinitions.SqsApproval(), """{ "order": "o-2" }""");
        string token = await CallbackDefinitions.TokenFromHistoryAsync((operation, body) => fixture.CallOkAsync(operation, body), executionArn);

        await AssertErrorAsync("SendTaskSuccess", new JsonObject { ["taskToken"] = token, ["output"] = "not json" }, "InvalidOutput");
        await AssertErrorAsync("SendTaskSuccess", new JsonObject { ["taskToken"] = "AAAA" + token[4..], ["output"] = "{}" }, "InvalidToken");
        await AssertErrorAsync("SendTaskHeartbeat", new JsonObject { ["taskToken"] = "not a token" }, "InvalidToken");
        await AssertErrorAsync("SendTaskSuccess", new JsonObject { ["output"] = "{}" }, "ValidationException");
        await AssertErrorAsync("SendTaskSuccess", new JsonObject { ["taskToken"] = token }, "ValidationException");
        await AssertErrorAsync("SendTaskHeartbeat", new JsonObject { ["taskToken"] = "" }, "ValidationException");
        await AssertErrorAsync("SendTaskHeartbeat", new JsonObject { ["taskToken"] = new string('t', 2049) }, "ValidationException");
        await AssertErrorAsync("SendTaskFailure", new JsonObject { ["taskToken"] = token, ["error"] = new string('e', 257) }, "ValidationException");
        await AssertErrorAsync("SendTaskSuccess", new JsonObject { ["taskToken"] = token, ["output"] = new string(' ', 256 * 1024 + 1) }, "ValidationException");

        // None of that touched the task: it still waits, and a failure reaches its Catch.
        Assert.Equal(0, (await cli.RunAsync("stepfunctions", "send-task-failure", "--task-token", token, "--error", "Rejected", "--cause", "too expensive")).ExitCode);
        JsonObject ended = await cli.WaitForEndAsync(executionArn);
        Assert.Equal("SUCCEEDED", ended["status"]!.GetValue<string>());
        JsonNode output = JsonNode.Parse(ended["output"]!.GetValue<string>())!;
        Assert.Equal(("Rejected", "too expensive"), (output["rejection"]!["Error"]!.GetValue<string>(), output["rejection"]!["Cause"]!.GetValue<string>()));
        await AssertErrorAsync("SendTaskFailure", new JsonObject { ["taskToken"] = token }, "TaskTimedOut");
    }

    [Fact]
    public async Task A_stopped_execution_clears_its_token_and_once_its_state_machine_is_deleted_the_token_is_TaskDoesNotExist()
    {
        var (machineArn, executionArn) = await CallbackDefinitions.StartAsync(fixture, CallbackDefinitions.SqsApproval(), """{ "order": "o-3" }""");
        string token = await CallbackDefinitions.TokenFromHistoryAsync((operation, body) => fixture.CallOkAsync(operation, body), executionArn);
        await fixture.CallOkAsync("SendTaskHeartbeat", new JsonObject { ["taskToken"] = token });
        await fixture.CallOkAsync("StopExecution", new JsonObject { ["executionArn"] = executionArn });
        for (int attempt = 0; attempt < 100 && fixture.Server.Cloud.Engine.Callbacks.Waiting().Any(task => task.TaskToken == token); attempt++)
        {
            await Task.Delay(20);
        }

        Assert.DoesNotContain(fixture.Server.Cloud.Engine.Callbacks.Waiting(), task => task.TaskToken == token);
        await AssertErrorAsync("SendTaskHeartbeat", new JsonObject { ["taskToken"] = token }, "TaskTimedOut");

        await fixture.CallOkAsync("DeleteStateMachine", new JsonObject { ["stateMachineArn"] = machineArn });
        for (int attempt = 0; attempt < 100 && (await fixture.CallAsync("DescribeExecution", new JsonObject { ["executionArn"] = executionArn })).Status == 200; attempt++)
        {
            await Task.Delay(50);
        }

        await AssertErrorAsync("SendTaskSuccess", new JsonObject { ["taskToken"] = token, ["output"] = "{}" }, "TaskDoesNotExist");
    }

    [Fact]
    public async Task Boto3_reads_the_token_from_the_SNS_message_and_answers_with_send_task_success()
    {
        string definition = """
            {
              "StartAt": "Notify",
              "States": {
                "Notify": {
                  "Type": "Task", "Resource": "arn:aws:states:::sns:publish.waitForTaskToken",
                  "Parameters": { "TopicArn": "arn:aws:sns:us-east-1:123456789012:approvals", "Message": { "token.$": "$$.Task.Token", "order.$": "$.order" } },
                  "HeartbeatSeconds": 600,
                  "End": true
                }
              }
            }
            """;
        var (_, executionArn) = await CallbackDefinitions.StartAsync(fixture, definition, """{ "order": "sns-1" }""");
        PublishedMessage published = await PublishedForAsync("sns-1");
        string token = JsonNode.Parse(published.Message)!["token"]!.GetValue<string>();

        const string Script = """
            import json, sys, time
            import boto3
            from botocore.exceptions import ClientError
            endpoint, token, execution_arn = sys.argv[1:4]
            sfn = boto3.client('stepfunctions', endpoint_url=endpoint, region_name='us-east-1', aws_access_key_id='local', aws_secret_access_key='local')
            sfn.send_task_heartbeat(taskToken=token)
            sfn.send_task_success(taskToken=token, output=json.dumps({'shipped': True}))
            while sfn.describe_execution(executionArn=execution_arn)['status'] == 'RUNNING':
                time.sleep(0.05)
            execution = sfn.describe_execution(executionArn=execution_arn)
            errors = []
            for call in (lambda: sfn.send_task_success(taskToken=token, output='{}'), lambda: sfn.send_task_heartbeat(taskToken='x' + token)):
                try:
                    call()
                except ClientError as error:
                    errors.append(error.response['Error']['Code'])
            print(json.dumps({'status': execution['status'], 'output': execution['output'], 'errors': errors}))
            """;
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            ArgumentList = { "-c", Script, fixture.Endpoint.ToString().TrimEnd('/'), token, executionArn },
        };
        using Process python = Process.Start(start)!;
        Task<string> output = python.StandardOutput.ReadToEndAsync();
        Task<string> errors = python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(python.ExitCode == 0, $"boto3 failed: {await errors}");

        JsonObject result = JsonNode.Parse(await output)!.AsObject();
        Assert.Equal("SUCCEEDED", result["status"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"shipped":true}"""), JsonNode.Parse(result["output"]!.GetValue<string>())));
        Assert.Equal(["TaskTimedOut", "InvalidToken"], result["errors"]!.AsArray().Select(e => e!.GetValue<string>()));
    }

    private async Task AssertErrorAsync(string operation, JsonObject body, string errorType)
    {
        var (status, response) = await fixture.CallAsync(operation, body);
        Assert.True(status == 400, $"{operation} answered {status}: {response.ToJsonString()}");
        Assert.Equal(errorType, response["__type"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(response["message"]!.GetValue<string>()));
    }

    private async Task<SentMessage> MessageForAsync(string order)
    {
        for (int attempt = 0; attempt < 300; attempt++)
        {
            SentMessage? message = fixture.Server.Cloud.Queues.MessagesOf(CallbackDefinitions.Queue)
                .FirstOrDefault(m => JsonNode.Parse(m.Body)!["order"]?.GetValue<string>() == order);
            if (message is not null)
            {
                return message;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No SQS message for {order}.");
    }

    private async Task<PublishedMessage> PublishedForAsync(string order)
    {
        for (int attempt = 0; attempt < 300; attempt++)
        {
            PublishedMessage? message = fixture.Server.Cloud.Notifications.Messages.All()
                .FirstOrDefault(m => m.Message.Contains(order, StringComparison.Ordinal));
            if (message is not null)
            {
                return message;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No SNS message for {order}.");
    }
}
