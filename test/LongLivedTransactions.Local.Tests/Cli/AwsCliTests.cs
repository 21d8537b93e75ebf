using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Tests.Api;
using LongLivedTransactions.Local.Workflow;

namespace LongLivedTransactions.Local.Tests.Cli;

/// <summary>The README's AWS CLI flow, with the real AWS CLI v2 against the real <c>up</c> server.</summary>
public sealed class AwsCliTests(LocalServerFixture fixture) : IClassFixture<LocalServerFixture>, IDisposable
{
    private readonly AwsCli aws = new(fixture.RepositoryRoot, fixture.Endpoint);
    private readonly string definitionFile = Path.Combine(Path.GetTempPath(), $"saga-{Guid.NewGuid():N}.asl.json");

    public void Dispose() => File.Delete(definitionFile);

    public static TheoryData<string, string> Scenarios()
    {
        var data = new TheoryData<string, string>();
        foreach (string definition in new[] { "statemachine/saga.asl.json", "statemachine/saga.jsonata.asl.json" })
        {
            foreach (JsonObject scenario in ExpectedScenarios())
            {
                data.Add(definition, scenario["file"]!.GetValue<string>());
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task A_state_machine_created_from_the_saga_file_runs_each_scenario_as_the_expected_file_says(string definition, string file)
    {
        JsonObject expected = ExpectedScenarios().Single(s => s["file"]!.GetValue<string>() == file);
        string stateMachineArn = await CreateSagaAsync($"Saga-{Guid.NewGuid():N}"[..20], definition);

        JsonObject started = await aws.JsonAsync(
            "stepfunctions", "start-execution", "--state-machine-arn", stateMachineArn, "--input", $"file://{file}");
        string executionArn = started["executionArn"]!.GetValue<string>();
        Assert.StartsWith(stateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":", executionArn, StringComparison.Ordinal);

        JsonObject description = await aws.WaitForEndAsync(executionArn);
        Assert.Equal(expected["status"]!.GetValue<string>(), description["status"]!.GetValue<string>());
        Assert.Equal(expected["error"]?.GetValue<string>(), description["error"]?.GetValue<string>());
        Assert.Equal(fixture.ReadRepositoryFile(file), description["input"]!.GetValue<string>());

        JsonObject history = await aws.JsonAsync("stepfunctions", "get-execution-history", "--execution-arn", executionArn);
        var events = history["events"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal("ExecutionStarted", events[0]["type"]!.GetValue<string>());
        Assert.Equal(description["status"]!.GetValue<string>() == "SUCCEEDED" ? "ExecutionSucceeded" : "ExecutionFailed", events[^1]["type"]!.GetValue<string>());
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e["id"]!.GetValue<long>()));
        var path = events
            .Where(e => e["type"]!.GetValue<string>().EndsWith("StateEntered", StringComparison.Ordinal))
            .Select(e => e["stateEnteredEventDetails"]!["name"]!.GetValue<string>());
        Assert.Equal(expected["path"]!.AsArray().Select(p => p!.GetValue<string>()), path);

        JsonObject list = await aws.JsonAsync("stepfunctions", "list-executions", "--state-machine-arn", stateMachineArn);
        Assert.Equal(executionArn, Assert.Single(list["executions"]!.AsArray())!["executionArn"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_preregistered_saga_is_listed_described_and_its_records_can_be_scanned_in_dynamodb()
    {
        JsonObject machines = await aws.JsonAsync("stepfunctions", "list-state-machines");
        Assert.Contains(machines["stateMachines"]!.AsArray(), m => m!["stateMachineArn"]!.GetValue<string>() == fixture.Server.SagaStateMachineArn);

        JsonObject saga = await aws.JsonAsync("stepfunctions", "describe-state-machine", "--state-machine-arn", fixture.Server.SagaStateMachineArn);
        Assert.Equal("ACTIVE", saga["status"]!.GetValue<string>());
        Assert.Equal(fixture.Server.Cloud.SagaDefinitionJson, saga["definition"]!.GetValue<string>());

        JsonObject started = await aws.JsonAsync(
            "stepfunctions", "start-execution", "--state-machine-arn", fixture.Server.SagaStateMachineArn,
            "--name", $"order-{Guid.NewGuid():N}", "--input", "file://events/07-order-succeeds.json");
        JsonObject description = await aws.WaitForEndAsync(started["executionArn"]!.GetValue<string>());
        Assert.Equal("SUCCEEDED", description["status"]!.GetValue<string>());

        var dynamo = new AwsCli(fixture.RepositoryRoot, fixture.Server.DynamoDbEndpoint);
        JsonObject orders = await dynamo.JsonAsync("dynamodb", "scan", "--table-name", "Orders");
        string orderId = JsonNode.Parse(fixture.ReadRepositoryFile("events/07-order-succeeds.json"))!["order_id"]!.GetValue<string>();
        Assert.Contains(orders["Items"]!.AsArray(), item => item!["order_id"]!["S"]!.GetValue<string>() == orderId);
    }

    [Fact]
    public async Task Stop_execution_aborts_a_running_execution_and_the_same_name_and_input_is_idempotent_only_while_it_runs()
    {
        string arn = await CreateAsync($"Waiting-{Guid.NewGuid():N}"[..20], """{"StartAt":"Hold","States":{"Hold":{"Type":"Wait","Seconds":300,"End":true}}}""");
        JsonObject first = await aws.JsonAsync("stepfunctions", "start-execution", "--state-machine-arn", arn, "--name", "held", "--input", """{"a":1}""");
        JsonObject again = await aws.JsonAsync("stepfunctions", "start-execution", "--state-machine-arn", arn, "--name", "held", "--input", """{"a":1}""");
        Assert.Equal(first["executionArn"]!.ToJsonString(), again["executionArn"]!.ToJsonString());

        AwsCli.Result otherInput = await aws.RunAsync("stepfunctions", "start-execution", "--state-machine-arn", arn, "--name", "held", "--input", """{"a":2}""");
        Assert.NotEqual(0, otherInput.ExitCode);
        Assert.Contains("(ExecutionAlreadyExists)", otherInput.Error, StringComparison.Ordinal);

        string executionArn = first["executionArn"]!.GetValue<string>();
        JsonObject running = await aws.JsonAsync("stepfunctions", "list-executions", "--state-machine-arn", arn, "--status-filter", "RUNNING");
        Assert.Single(running["executions"]!.AsArray());

        await aws.JsonAsync("stepfunctions", "stop-execution", "--execution-arn", executionArn, "--error", "Halted", "--cause", "by the test");
        JsonObject stopped = await aws.JsonAsync("stepfunctions", "describe-execution", "--execution-arn", executionArn);
        Assert.Equal("ABORTED", stopped["status"]!.GetValue<string>());
        Assert.Equal("Halted", stopped["error"]!.GetValue<string>());
        JsonObject history = await aws.JsonAsync("stepfunctions", "get-execution-history", "--execution-arn", executionArn, "--reverse-order", "--max-items", "1");
        Assert.Equal("ExecutionAborted", history["events"]![0]!["type"]!.GetValue<string>());

        AwsCli.Result closed = await aws.RunAsync("stepfunctions", "start-execution", "--state-machine-arn", arn, "--name", "held", "--input", """{"a":1}""");
        Assert.Contains("(ExecutionAlreadyExists)", closed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_state_machine_refuses_an_invalid_definition_with_InvalidDefinition()
    {
        // Debian's AWS CLI 2.9 predates validate-state-machine-definition; StepFunctionsApiTests calls it over HTTP.
        const string Invalid = """{"StartAt":"Missing","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}""";
        AwsCli.Result created = await aws.RunAsync(
            "stepfunctions", "create-state-machine", "--name", "Broken", "--definition", Invalid, "--role-arn", "arn:aws:iam::123456789012:role/r");
        Assert.NotEqual(0, created.ExitCode);
        Assert.Contains("(InvalidDefinition)", created.Error, StringComparison.Ordinal);
        Assert.Contains("MISSING_TRANSITION_TARGET", created.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lambda_invoke_and_list_functions_reach_the_six_functions()
    {
        JsonObject functions = await aws.JsonAsync("lambda", "list-functions");
        Assert.Equal(
            ["DebitPayment", "NewOrder", "RefundPayment", "ReleaseInventory", "ReserveInventory", "UpdateOrder"],
            functions["Functions"]!.AsArray().Select(f => f!["FunctionName"]!.GetValue<string>()).Order(StringComparer.Ordinal));

        string outFile = Path.Combine(Path.GetTempPath(), $"invoke-{Guid.NewGuid():N}.json");
        try
        {
            JsonObject invoked = await aws.JsonAsync(
                "lambda", "invoke", "--function-name", "NewOrder", "--payload", "fileb://events/07-order-succeeds.json", outFile);
            Assert.Equal(200, invoked["StatusCode"]!.GetValue<int>());
            Assert.Null(invoked["FunctionError"]);
            Assert.Equal("New", JsonNode.Parse(await File.ReadAllTextAsync(outFile))!["order_status"]!.GetValue<string>());

            JsonObject failed = await aws.JsonAsync(
                "lambda", "invoke", "--function-name", "NewOrder", "--payload", "fileb://events/01-process-order-fails.json", outFile);
            Assert.Equal("Unhandled", failed["FunctionError"]!.GetValue<string>());
            Assert.Equal("ErrProcessOrder", JsonNode.Parse(await File.ReadAllTextAsync(outFile))!["errorType"]!.GetValue<string>());
        }
        finally
        {
            File.Delete(outFile);
        }
    }

    private async Task<string> CreateSagaAsync(string name, string definition)
    {
        // As the README shows: the saga file with its ${...} placeholders replaced by the local ARNs.
        string template = fixture.ReadRepositoryFile(definition);
        return await CreateAsync(name, SagaDefinition.Substitute(template, SagaDefinition.Substitutions(fixture.Server.Cloud.Arns)));
    }

    private async Task<string> CreateAsync(string name, string definition)
    {
        await File.WriteAllTextAsync(definitionFile, definition);
        JsonObject created = await aws.JsonAsync(
            "stepfunctions", "create-state-machine", "--name", name, "--definition", $"file://{definitionFile}",
            "--role-arn", "arn:aws:iam::123456789012:role/LocalSagaRole");
        return created["stateMachineArn"]!.GetValue<string>();
    }

    private static IEnumerable<JsonObject> ExpectedScenarios()
    {
        string file = Path.Combine(Local.RepositoryRoot.Find(), "events", "expected", "scenarios.json");
        return JsonNode.Parse(File.ReadAllText(file))!["scenarios"]!.AsArray().Select(s => s!.AsObject());
    }
}
