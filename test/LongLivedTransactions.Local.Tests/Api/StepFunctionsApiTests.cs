using System.Text.Json.Nodes;

namespace LongLivedTransactions.Local.Tests.Api;

/// <summary>The Step Functions operations over HTTP, as an SDK sends them, against the real <c>up</c> server.</summary>
public sealed class StepFunctionsApiTests(LocalServerFixture fixture) : IClassFixture<LocalServerFixture>
{
    private const string Role = "arn:aws:iam::123456789012:role/r";

    [Fact]
    public async Task Update_changes_new_executions_only_and_delete_removes_the_state_machine()
    {
        string arn = await CreateAsync($"Versions-{Guid.NewGuid():N}"[..20], Pass("first"));
        string firstRun = await StartAndWaitAsync(arn);

        JsonObject update = await fixture.CallOkAsync("UpdateStateMachine", new JsonObject { ["stateMachineArn"] = arn, ["definition"] = Pass("second") });
        Assert.NotNull(update["revisionId"]);
        string secondRun = await StartAndWaitAsync(arn);

        Assert.Equal("\"first\"", (await Describe(firstRun))["output"]!.GetValue<string>());
        Assert.Equal("\"second\"", (await Describe(secondRun))["output"]!.GetValue<string>());
        JsonObject firstMachine = await fixture.CallOkAsync("DescribeStateMachineForExecution", new JsonObject { ["executionArn"] = firstRun });
        Assert.Equal(Pass("first"), firstMachine["definition"]!.GetValue<string>());
        JsonObject current = await fixture.CallOkAsync("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = arn });
        Assert.Equal(Pass("second"), current["definition"]!.GetValue<string>());

        await fixture.CallOkAsync("DeleteStateMachine", new JsonObject { ["stateMachineArn"] = arn });
        var (status, error) = await fixture.CallAsync("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = arn });
        Assert.Equal(400, status);
        Assert.Equal("StateMachineDoesNotExist", error["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Executions_and_history_page_with_max_results_and_next_token_in_both_orders()
    {
        string arn = await CreateAsync($"Pages-{Guid.NewGuid():N}"[..20], Pass("x"));
        var started = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            started.Add(await StartAndWaitAsync(arn));
        }

        var listed = new List<string>();
        string? token = null;
        do
        {
            JsonObject page = await fixture.CallOkAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = arn, ["maxResults"] = 2, ["nextToken"] = token });
            Assert.True(page["executions"]!.AsArray().Count <= 2);
            listed.AddRange(page["executions"]!.AsArray().Select(e => e!["executionArn"]!.GetValue<string>()));
            token = page["nextToken"]?.GetValue<string>();
        }
        while (token is not null);
        Assert.Equal(Enumerable.Reverse(started), listed);

        JsonObject failedOnly = await fixture.CallOkAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = arn, ["statusFilter"] = "FAILED" });
        Assert.Empty(failedOnly["executions"]!.AsArray());

        JsonObject forward = await fixture.CallOkAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = started[0] });
        JsonObject firstTwoReversed = await fixture.CallOkAsync("GetExecutionHistory", new JsonObject
        {
            ["executionArn"] = started[0], ["reverseOrder"] = true, ["maxResults"] = 2, ["includeExecutionData"] = false,
        });
        var forwardIds = forward["events"]!.AsArray().Select(e => e!["id"]!.GetValue<long>()).ToList();
        var reversed = firstTwoReversed["events"]!.AsArray();
        Assert.Equal(forwardIds.AsEnumerable().Reverse().Take(2), reversed.Select(e => e!["id"]!.GetValue<long>()));
        Assert.NotNull(firstTwoReversed["nextToken"]);
        Assert.Equal("ExecutionSucceeded", reversed[0]!["type"]!.GetValue<string>());
        Assert.Null(reversed[0]!["executionSucceededEventDetails"]!["output"]);
        Assert.NotNull(forward["events"]!.AsArray()[^1]!["executionSucceededEventDetails"]!["output"]);
    }

    [Fact]
    public async Task Executions_started_between_two_pages_neither_shift_nor_repeat_the_next_pages_and_a_status_filter_pages_too()
    {
        string arn = await CreateAsync($"Keyset-{Guid.NewGuid():N}"[..20], Pass("x"));
        var started = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            started.Add(await StartAndWaitAsync(arn));
        }

        JsonObject first = await fixture.CallOkAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = arn, ["maxResults"] = 2 });
        string newer = await StartAndWaitAsync(arn);
        JsonObject second = await fixture.CallOkAsync("ListExecutions", new JsonObject
        {
            ["stateMachineArn"] = arn, ["maxResults"] = 2, ["nextToken"] = first["nextToken"]!.GetValue<string>(),
        });
        JsonObject third = await fixture.CallOkAsync("ListExecutions", new JsonObject
        {
            ["stateMachineArn"] = arn, ["maxResults"] = 2, ["nextToken"] = second["nextToken"]!.GetValue<string>(),
        });

        Assert.Equal([started[4], started[3]], Arns(first));
        Assert.Equal([started[2], started[1]], Arns(second));
        Assert.Equal([started[0]], Arns(third));
        Assert.Null(third["nextToken"]);

        JsonObject succeeded = await fixture.CallOkAsync("ListExecutions", new JsonObject
        {
            ["stateMachineArn"] = arn, ["statusFilter"] = "SUCCEEDED", ["maxResults"] = 5,
        });
        Assert.Equal([newer, .. Enumerable.Reverse(started).Take(4)], Arns(succeeded));
        var (status, error) = await fixture.CallAsync("ListExecutions", new JsonObject
        {
            ["stateMachineArn"] = arn, ["statusFilter"] = "FAILED", ["nextToken"] = succeeded["nextToken"]!.GetValue<string>(),
        });
        Assert.Equal(400, status);
        Assert.Equal("InvalidToken", error["__type"]!.GetValue<string>());

        static string[] Arns(JsonObject page) => page["executions"]!.AsArray().Select(e => e!["executionArn"]!.GetValue<string>()).ToArray();
    }

    [Fact]
    public async Task Start_sync_execution_runs_an_express_state_machine_to_its_end()
    {
        JsonObject created = await fixture.CallOkAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = $"Express-{Guid.NewGuid():N}"[..20],
            ["roleArn"] = Role,
            ["type"] = "EXPRESS",
            ["definition"] = """{"StartAt":"Add","States":{"Add":{"Type":"Pass","Parameters":{"sum.$":"States.MathAdd($.a, $.b)"},"End":true}}}""",
        });
        JsonObject result = await fixture.CallOkAsync("StartSyncExecution", new JsonObject
        {
            ["stateMachineArn"] = created["stateMachineArn"]!.GetValue<string>(),
            ["input"] = """{"a":2,"b":3}""",
        });
        Assert.Equal("SUCCEEDED", result["status"]!.GetValue<string>());
        Assert.Equal(5, JsonNode.Parse(result["output"]!.GetValue<string>())!["sum"]!.GetValue<int>());
        Assert.Contains(":express:", result["executionArn"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(result["billingDetails"]);
    }

    [Fact]
    public async Task Arns_follow_the_region_of_the_request_signature()
    {
        JsonObject created = await fixture.CallOkAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = "Regional",
            ["roleArn"] = Role,
            ["definition"] = Pass("x"),
        }, region: "eu-west-3");
        Assert.Equal("arn:aws:states:eu-west-3:123456789012:stateMachine:Regional", created["stateMachineArn"]!.GetValue<string>());

        JsonObject inRegion = await fixture.CallOkAsync("ListStateMachines", [], region: "eu-west-3");
        Assert.Equal("Regional", Assert.Single(inRegion["stateMachines"]!.AsArray())!["name"]!.GetValue<string>());
        JsonObject elsewhere = await fixture.CallOkAsync("ListStateMachines", [], region: "us-east-1");
        Assert.DoesNotContain(elsewhere["stateMachines"]!.AsArray(), m => m!["name"]!.GetValue<string>() == "Regional");
    }

    [Fact]
    public async Task A_mock_config_test_case_selected_with_a_hash_in_the_arn_replaces_the_mocked_state()
    {
        JsonObject started = await fixture.CallOkAsync("StartExecution", new JsonObject
        {
            ["stateMachineArn"] = $"{fixture.Server.SagaStateMachineArn}#{LocalServerFixture.MockTestCase}",
            ["input"] = fixture.ReadRepositoryFile("events/07-order-succeeds.json").Replace("47063fe3", "47063fe4", StringComparison.Ordinal),
        });
        string executionArn = started["executionArn"]!.GetValue<string>();
        JsonObject end = await fixture.WaitForEndAsync(executionArn);
        Assert.Equal("FAILED", end["status"]!.GetValue<string>());

        // The mock answered ReserveInventory (the function never ran), and the compensation path followed.
        JsonObject history = await fixture.CallOkAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = executionArn });
        var events = history["events"]!.AsArray().Select(e => e!.AsObject()).ToList();
        JsonObject failure = Assert.Single(events, e => e["type"]!.GetValue<string>() == "TaskFailed" && e["taskFailedEventDetails"]!["cause"]?.GetValue<string>() == "mocked failure");
        Assert.Equal("ErrReserveInventory", failure["taskFailedEventDetails"]!["error"]!.GetValue<string>());
        var path = events.Where(e => e["type"]!.GetValue<string>().EndsWith("StateEntered", StringComparison.Ordinal))
            .Select(e => e["stateEnteredEventDetails"]!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(["ProcessOrder", "ProcessPayment", "ReserveInventory", "ReleaseInventory"], path.Take(4));
        Assert.Equal(fixture.Server.SagaStateMachineArn, end["stateMachineArn"]!.GetValue<string>());
        Assert.StartsWith(fixture.Server.SagaStateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal), end["executionArn"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Test_state_with_a_mocked_result_reports_output_and_next_state()
    {
        JsonObject result = await fixture.CallOkAsync("TestState", new JsonObject
        {
            ["definition"] = """{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"NewOrder","Payload.$":"$"},"OutputPath":"$.Payload","Next":"ProcessPayment"}""",
            ["input"] = """{"order_id":"o-1"}""",
            ["inspectionLevel"] = "DEBUG",
            // The Lambda API's Payload is a string: a mock that gives an object needs field validation off.
            ["mock"] = new JsonObject { ["result"] = """{"Payload":{"order_id":"o-1","order_status":"New"},"StatusCode":200}""", ["fieldValidationMode"] = "NONE" },
        });
        Assert.Equal("SUCCEEDED", result["status"]!.GetValue<string>());
        Assert.Equal("ProcessPayment", result["nextState"]!.GetValue<string>());
        Assert.Equal("New", JsonNode.Parse(result["output"]!.GetValue<string>())!["order_status"]!.GetValue<string>());
        Assert.Equal("""{"order_id":"o-1"}""", result["inspectionData"]!["input"]!.GetValue<string>());
        Assert.NotNull(result["inspectionData"]!["result"]);
    }

    [Fact]
    public async Task Test_state_reports_a_caught_error_a_retriable_error_and_an_uncaught_failure()
    {
        const string State = """
            {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"NewOrder","Payload.$":"$"},
             "Retry":[{"ErrorEquals":["Lambda.ServiceException"],"IntervalSeconds":2,"MaxAttempts":3,"BackoffRate":2}],
             "Catch":[{"ErrorEquals":["ErrProcessOrder"],"ResultPath":"$.error","Next":"UpdateOrderStatus"}],
             "Next":"ProcessPayment"}
            """;
        JsonObject caught = await fixture.CallOkAsync("TestState", new JsonObject
        {
            ["definition"] = State,
            ["input"] = """{"order_id":"o-2"}""",
            ["mock"] = new JsonObject { ["errorOutput"] = new JsonObject { ["error"] = "ErrProcessOrder", ["cause"] = "boom" } },
        });
        Assert.Equal("CAUGHT_ERROR", caught["status"]!.GetValue<string>());
        Assert.Equal("UpdateOrderStatus", caught["nextState"]!.GetValue<string>());
        Assert.Equal("ErrProcessOrder", JsonNode.Parse(caught["output"]!.GetValue<string>())!["error"]!["Error"]!.GetValue<string>());

        JsonObject retriable = await fixture.CallOkAsync("TestState", new JsonObject
        {
            ["definition"] = State,
            ["inspectionLevel"] = "DEBUG",
            ["mock"] = new JsonObject { ["errorOutput"] = new JsonObject { ["error"] = "Lambda.ServiceException", ["cause"] = "busy" } },
            ["stateConfiguration"] = new JsonObject { ["retrierRetryCount"] = 1 },
        });
        Assert.Equal("RETRIABLE", retriable["status"]!.GetValue<string>());
        Assert.Equal(0, retriable["inspectionData"]!["errorDetails"]!["retryIndex"]!.GetValue<int>());
        Assert.Equal(4, retriable["inspectionData"]!["errorDetails"]!["retryBackoffIntervalSeconds"]!.GetValue<int>());

        JsonObject failed = await fixture.CallOkAsync("TestState", new JsonObject
        {
            ["definition"] = State,
            ["mock"] = new JsonObject { ["errorOutput"] = new JsonObject { ["error"] = "Other", ["cause"] = "nope" } },
        });
        Assert.Equal("FAILED", failed["status"]!.GetValue<string>());
        Assert.Equal("Other", failed["error"]!.GetValue<string>());
        Assert.Null(failed["nextState"]);
    }

    [Fact]
    public async Task Test_state_runs_a_choice_of_a_whole_definition_and_the_real_function_without_a_mock()
    {
        JsonObject choice = await fixture.CallOkAsync("TestState", new JsonObject
        {
            ["definition"] = """{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Big"}],"Default":"Small"},"Big":{"Type":"Succeed"},"Small":{"Type":"Succeed"}}}""",
            ["stateName"] = "C",
            ["input"] = """{"n":5}""",
        });
        Assert.Equal("SUCCEEDED", choice["status"]!.GetValue<string>());
        Assert.Equal("Big", choice["nextState"]!.GetValue<string>());

        JsonObject real = await fixture.CallOkAsync("TestState", new JsonObject
        {
            ["definition"] = """{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"NewOrder","Payload.$":"$"},"OutputPath":"$.Payload","End":true}""",
            ["input"] = fixture.ReadRepositoryFile("events/07-order-succeeds.json").Replace("47063fe3", "47063fe5", StringComparison.Ordinal),
            ["roleArn"] = Role,
        });
        Assert.Equal("SUCCEEDED", real["status"]!.GetValue<string>());
        Assert.Equal("New", JsonNode.Parse(real["output"]!.GetValue<string>())!["order_status"]!.GetValue<string>());
        Assert.Null(real["nextState"]);
    }

    [Fact]
    public async Task Validate_reports_the_errors_of_an_invalid_definition_and_warnings_only_when_asked()
    {
        const string Invalid = """{"StartAt":"Missing","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}""";
        JsonObject validation = await fixture.CallOkAsync("ValidateStateMachineDefinition", new JsonObject { ["definition"] = Invalid });
        Assert.Equal("FAIL", validation["result"]!.GetValue<string>());
        var codes = validation["diagnostics"]!.AsArray().Select(d => d!["code"]!.GetValue<string>()).ToList();
        Assert.Contains("MISSING_TRANSITION_TARGET", codes);
        Assert.All(validation["diagnostics"]!.AsArray(), d => Assert.Equal("ERROR", d!["severity"]!.GetValue<string>()));
        Assert.False(validation["truncated"]!.GetValue<bool>());

        JsonObject one = await fixture.CallOkAsync("ValidateStateMachineDefinition", new JsonObject { ["definition"] = Invalid, ["maxResults"] = 1 });
        Assert.Single(one["diagnostics"]!.AsArray());
        Assert.Equal(codes.Count > 1, one["truncated"]!.GetValue<bool>());

        JsonObject valid = await fixture.CallOkAsync("ValidateStateMachineDefinition", new JsonObject
        {
            ["definition"] = fixture.Server.Cloud.SagaDefinitionJson,
            ["severity"] = "WARNING",
        });
        Assert.Equal("OK", valid["result"]!.GetValue<string>());
        Assert.All(valid["diagnostics"]!.AsArray(), d => Assert.Equal("WARNING", d!["severity"]!.GetValue<string>()));
    }

    private static string Pass(string result) => """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":""" + JsonValue.Create(result).ToJsonString() + ""","End":true}}}""";

    private async Task<string> CreateAsync(string name, string definition)
    {
        JsonObject created = await fixture.CallOkAsync("CreateStateMachine", new JsonObject { ["name"] = name, ["roleArn"] = Role, ["definition"] = definition });
        return created["stateMachineArn"]!.GetValue<string>();
    }

    private async Task<string> StartAndWaitAsync(string stateMachineArn)
    {
        JsonObject started = await fixture.CallOkAsync("StartExecution", new JsonObject { ["stateMachineArn"] = stateMachineArn });
        string arn = started["executionArn"]!.GetValue<string>();
        await fixture.WaitForEndAsync(arn);
        return arn;
    }

    private Task<JsonObject> Describe(string executionArn) => fixture.CallOkAsync("DescribeExecution", new JsonObject { ["executionArn"] = executionArn });
}
