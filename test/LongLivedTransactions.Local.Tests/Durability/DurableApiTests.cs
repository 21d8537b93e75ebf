using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Api;
using LongLivedTransactions.Local.Tests.Api;
using LongLivedTransactions.Local.Persistence;

namespace LongLivedTransactions.Local.Tests.Durability;

/// <summary>
/// The API on a state directory (real SQLite, real dynalite on disk): what survives a restart, DeleteStateMachine's
/// DELETING state, and RedriveExecution.
/// </summary>
public sealed class DurableApiTests : IAsyncLifetime, IDisposable
{
    private const string RoleArn = "arn:aws:iam::123456789012:role/local";

    private readonly string stateDirectory = Path.Combine(Path.GetTempPath(), $"llt-api-{Guid.NewGuid():N}");
    private readonly HttpClient http = LocalServerFixture.CreateSigningClient();
    private LocalServer? server;

    private LocalServer Server => server!;

    public async Task InitializeAsync() => server = await StartServerAsync();

    public void Dispose() => http.Dispose();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(stateDirectory, recursive: true);
    }

    [Fact]
    public async Task State_machines_and_ended_executions_are_there_after_a_restart_and_a_second_host_is_refused()
    {
        string machine = await CreateAsync("Kept", """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"kept":true},"End":true}}}""");
        string execution = await StartAsync(machine, "kept-1");
        JsonObject ended = await WaitForEndAsync(execution);
        Assert.Equal("SUCCEEDED", ended["status"]!.GetValue<string>());
        var error = await Assert.ThrowsAsync<StateDirectoryInUseException>(StartServerAsync);
        Assert.Contains(stateDirectory, error.Message, StringComparison.Ordinal);

        await Server.DisposeAsync();
        server = await StartServerAsync();

        JsonObject described = await CallOkAsync("DescribeExecution", new JsonObject { ["executionArn"] = execution });
        Assert.Equal("SUCCEEDED", described["status"]!.GetValue<string>());
        Assert.Equal("""{"kept":true}""", described["output"]!.GetValue<string>());
        JsonObject history = await CallOkAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = execution });
        Assert.Equal(
            ["ExecutionStarted", "PassStateEntered", "PassStateExited", "ExecutionSucceeded"],
            history["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
        JsonObject machines = await CallOkAsync("ListStateMachines", []);
        Assert.Contains(machines["stateMachines"]!.AsArray(), m => m!["name"]!.GetValue<string>() == "Kept");
    }

    [Fact]
    public async Task A_deleted_state_machine_is_deleting_until_its_execution_fails_at_the_next_transition_then_its_name_is_free()
    {
        const string definition = """{"StartAt":"Pause","States":{"Pause":{"Type":"Wait","Seconds":2,"Next":"Done"},"Done":{"Type":"Pass","End":true}}}""";
        string machine = await CreateAsync("Doomed", definition);
        string execution = await StartAsync(machine, "doomed-1");
        // The start only enqueues the execution; deleted before it enters its Wait, it would fail at that first transition.
        await ExecutionHistoryPolling.WaitForAsync(CallOkAsync, execution, types => types.Contains("WaitStateEntered"));
        await CallOkAsync("DeleteStateMachine", new JsonObject { ["stateMachineArn"] = machine });

        JsonObject deleting = await CallOkAsync("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = machine });
        Assert.Equal("DELETING", deleting["status"]!.GetValue<string>());
        var (startStatus, startError) = await CallAsync("StartExecution", new JsonObject { ["stateMachineArn"] = machine, ["name"] = "late" });
        Assert.Equal((400, "StateMachineDeleting"), (startStatus, startError["__type"]!.GetValue<string>()));
        var (createStatus, createError) = await CallAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = "Doomed", ["definition"] = definition, ["roleArn"] = RoleArn,
        });
        Assert.Equal((400, "StateMachineDeleting"), (createStatus, createError["__type"]!.GetValue<string>()));

        // The execution is not stopped at once: it runs its Wait to the end, and fails at the transition after it.
        JsonObject waiting = await CallOkAsync("DescribeExecution", new JsonObject { ["executionArn"] = execution });
        Assert.Equal("RUNNING", waiting["status"]!.GetValue<string>());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < 200 && (await CallAsync("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = machine })).Status == 200; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(clock.Elapsed > TimeSpan.FromSeconds(1), $"The deletion completed after {clock.Elapsed}, before the Wait had ended.");
        var (describeStatus, describeError) = await CallAsync("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = machine });
        Assert.Equal((400, "StateMachineDoesNotExist"), (describeStatus, describeError["__type"]!.GetValue<string>()));
        string again = await CreateAsync("Doomed", definition);
        JsonObject executions = await CallOkAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = again });
        Assert.Empty(executions["executions"]!.AsArray());
        var (oldStatus, _) = await CallAsync("DescribeExecution", new JsonObject { ["executionArn"] = execution });
        Assert.Equal(400, oldStatus);
    }

    [Fact]
    public async Task A_stopped_execution_is_redriven_from_the_state_it_was_in_and_a_succeeded_one_is_not_redrivable()
    {
        string machine = await CreateAsync("Redriven", """
            {"StartAt":"First","States":{
              "First":{"Type":"Pass","Result":{"n":1},"Next":"Pause"},
              "Pause":{"Type":"Wait","Seconds":1,"Next":"Last"},
              "Last":{"Type":"Pass","Parameters":{"n.$":"$.n","redriveCount.$":"$$.Execution.RedriveCount"},"End":true}}}
            """);
        string execution = await StartAsync(machine, "redriven-1");
        await CallOkAsync("StopExecution", new JsonObject { ["executionArn"] = execution, ["error"] = "Halted" });
        JsonObject stopped = await CallOkAsync("DescribeExecution", new JsonObject { ["executionArn"] = execution });
        Assert.Equal(("ABORTED", "REDRIVABLE", 0), (
            stopped["status"]!.GetValue<string>(), stopped["redriveStatus"]!.GetValue<string>(), stopped["redriveCount"]!.GetValue<int>()));

        JsonObject redrive = await CallOkAsync("RedriveExecution", new JsonObject { ["executionArn"] = execution });
        Assert.NotNull(redrive["redriveDate"]);
        JsonObject ended = await WaitForEndAsync(execution);

        Assert.Equal("SUCCEEDED", ended["status"]!.GetValue<string>());
        Assert.Equal("""{"n":1,"redriveCount":1}""", ended["output"]!.GetValue<string>());
        Assert.Equal(1, ended["redriveCount"]!.GetValue<int>());
        Assert.NotNull(ended["redriveDate"]);
        Assert.Equal(("NOT_REDRIVABLE", "Execution is SUCCEEDED and cannot be redriven."), (
            ended["redriveStatus"]!.GetValue<string>(), ended["redriveStatusReason"]!.GetValue<string>()));
        JsonObject history = await CallOkAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = execution });
        var types = history["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
        Assert.Equal(types.IndexOf("ExecutionAborted") + 1, types.IndexOf("ExecutionRedriven"));
        Assert.Equal(2, types.Count(t => t == "PassStateEntered"));
        Assert.Equal(
            Enumerable.Range(1, types.Count).Select(i => (long)i),
            history["events"]!.AsArray().Select(e => e!["id"]!.GetValue<long>()));

        var (status, error) = await CallAsync("RedriveExecution", new JsonObject { ["executionArn"] = execution });
        Assert.Equal((400, "ExecutionNotRedrivable"), (status, error["__type"]!.GetValue<string>()));
    }

    private Task<LocalServer> StartServerAsync() =>
        LocalServer.StartAsync(
            new LocalCloudOptions { RepositoryRoot = RepositoryRoot.Find(), StateDirectory = stateDirectory }, port: 0, mocks: null, CancellationToken.None);

    private async Task<string> CreateAsync(string name, string definition)
    {
        JsonObject created = await CallOkAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = name, ["definition"] = definition, ["roleArn"] = RoleArn,
        });
        return created["stateMachineArn"]!.GetValue<string>();
    }

    private async Task<string> StartAsync(string machine, string name)
    {
        JsonObject started = await CallOkAsync("StartExecution", new JsonObject { ["stateMachineArn"] = machine, ["name"] = name });
        return started["executionArn"]!.GetValue<string>();
    }

    private async Task<JsonObject> WaitForEndAsync(string executionArn)
    {
        for (int i = 0; i < 600; i++)
        {
            JsonObject description = await CallOkAsync("DescribeExecution", new JsonObject { ["executionArn"] = executionArn });
            if (description["status"]!.GetValue<string>() != "RUNNING")
            {
                return description;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"{executionArn} did not end.");
    }

    private async Task<JsonObject> CallOkAsync(string operation, JsonObject body)
    {
        var (status, response) = await CallAsync(operation, body);
        Assert.True(status == 200, $"{operation} answered {status}: {response.ToJsonString()}");
        return response;
    }

    private async Task<(int Status, JsonObject Body)> CallAsync(string operation, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Server.Endpoint) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"AWSStepFunctions.{operation}");
        using HttpResponseMessage response = await http.SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }
}
