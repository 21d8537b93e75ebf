using System.Text.Json.Nodes;

namespace LongLivedTransactions.Local.Tests.Api;

/// <summary>
/// RedriveExecution of a failed Map state through boto3 (the Debian AWS CLI v2.9 has no redrive-execution) against the
/// real <c>up</c> server.
/// </summary>
public sealed class Boto3RedriveTests(LocalServerFixture fixture) : IClassFixture<LocalServerFixture>
{
    // Odd items fail until the execution is redriven (no choice matches them: the Choice state fails, and a redrive
    // enters it again); the second failure fails the Map. Each iteration reports the redrive it ran in.
    private const string FailingOddItems = """
        {
          "StartAt": "Each",
          "States": {
            "Each": {
              "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 1, "ToleratedFailureCount": 1, "End": true,
              "ItemProcessor": {
                "ProcessorConfig": { "Mode": "INLINE" },
                "StartAt": "Even or redriven",
                "States": {
                  "Even or redriven": {
                    "Type": "Choice",
                    "Choices": [ { "Or": [
                      { "Variable": "$.odd", "BooleanEquals": false },
                      { "Variable": "$$.Execution.RedriveCount", "NumericGreaterThan": 0 } ], "Next": "Report" } ]
                  },
                  "Report": { "Type": "Pass", "Parameters": { "n.$": "$.n", "ranInRedrive.$": "$$.Execution.RedriveCount" }, "End": true }
                }
              }
            }
          }
        }
        """;

    // Creates the machine, runs it until it fails, redrives it, and prints both descriptions and both histories.
    private const string Script = """
        import json, sys, time, uuid
        import boto3
        endpoint, definition, execution_input = sys.argv[1:4]
        sfn = boto3.client('stepfunctions', endpoint_url=endpoint, region_name='us-east-1',
                           aws_access_key_id='local', aws_secret_access_key='local')
        def wait(arn):
            while True:
                described = sfn.describe_execution(executionArn=arn)
                if described['status'] != 'RUNNING':
                    return described
                time.sleep(0.05)
        def history(arn):
            pages = sfn.get_paginator('get_execution_history').paginate(executionArn=arn)
            return [event for page in pages for event in page['events']]
        machine = sfn.create_state_machine(name='Redrive-' + uuid.uuid4().hex[:12], definition=definition,
                                           roleArn='arn:aws:iam::123456789012:role/LocalRole')
        arn = sfn.start_execution(stateMachineArn=machine['stateMachineArn'], input=execution_input)['executionArn']
        failed = wait(arn)
        before = history(arn)
        sfn.redrive_execution(executionArn=arn)
        redriven = wait(arn)
        print(json.dumps({'failed': failed, 'before': before, 'redriven': redriven, 'after': history(arn)}, default=str))
        """;

    [Fact]
    public async Task A_failed_map_is_redriven_running_only_its_failed_iterations_and_the_history_goes_on_after_ExecutionRedriven()
    {
        const string input = """{"items":[{"n":0,"odd":false},{"n":1,"odd":true},{"n":2,"odd":false},{"n":3,"odd":true}]}""";
        JsonObject result = await Boto3Script.RunAsync(Script, fixture.Endpoint.ToString().TrimEnd('/'), FailingOddItems, input);

        JsonNode failed = result["failed"]!;
        Assert.Equal(("FAILED", "States.ExceedToleratedFailureThreshold"), (failed["status"]!.GetValue<string>(), failed["error"]!.GetValue<string>()));
        JsonNode redriven = result["redriven"]!;
        Assert.Equal("SUCCEEDED", redriven["status"]!.GetValue<string>());
        Assert.Equal(1, redriven["redriveCount"]!.GetValue<int>());
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""[{"n":0,"ranInRedrive":0},{"n":1,"ranInRedrive":1},{"n":2,"ranInRedrive":0},{"n":3,"ranInRedrive":1}]"""),
            JsonNode.Parse(redriven["output"]!.GetValue<string>())), redriven["output"]!.GetValue<string>());

        var before = result["before"]!.AsArray().Select(e => e!.AsObject()).ToList();
        var events = result["after"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e["id"]!.GetValue<long>()));
        Assert.Equal(before.Select(e => e.ToJsonString()), events.Take(before.Count).Select(e => e.ToJsonString()));
        var added = events.Skip(before.Count).ToList();
        Assert.Equal("ExecutionRedriven", added[0]["type"]!.GetValue<string>());
        Assert.Equal(1, added[0]["executionRedrivenEventDetails"]!["redriveCount"]!.GetValue<int>());
        Assert.Equal(
            [1, 3],
            added.Where(e => e["type"]!.GetValue<string>() == "MapIterationStarted")
                .Select(e => e["mapIterationStartedEventDetails"]!["index"]!.GetValue<int>()).Order());
        Assert.DoesNotContain(added, e => e["type"]!.GetValue<string>() is "MapStateEntered" or "MapStateStarted");
        Assert.Equal(
            ["MapStateSucceeded", "MapStateExited", "ExecutionSucceeded"],
            added.TakeLast(3).Select(e => e["type"]!.GetValue<string>()));
        Assert.All(added, e => Assert.InRange(e["previousEventId"]!.GetValue<long>(), before.Count, e["id"]!.GetValue<long>() - 1));
    }
}
