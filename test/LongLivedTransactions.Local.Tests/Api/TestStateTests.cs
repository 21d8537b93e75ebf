using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Api;

namespace LongLivedTransactions.Local.Tests.Api;

/// <summary>
/// TestState over HTTP against the real <c>up</c> server: mocks and their field validation, every state type in both
/// query languages, stateName, stateConfiguration, context, variables, and the inspection data of each level. The
/// expected responses follow AWS's as recorded in public snapshots of the API.
/// </summary>
public sealed class TestStateTests(LocalServerFixture fixture) : IClassFixture<LocalServerFixture>
{
    private const string Role = "arn:aws:iam::123456789012:role/r";
    private const string LambdaTask = """{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f","Payload.$":"$"},"End":true}""";
    private const string StartExecutionTask = """{"Type":"Task","Resource":"arn:aws:states:::states:startExecution","Parameters":{"StateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:Other"},"End":true}""";

    [Fact]
    public async Task A_mocked_lambda_result_is_checked_against_the_invoke_response_strictly_by_default()
    {
        JsonObject ok = await TestAsync(new JsonObject
        {
            ["definition"] = LambdaTask,
            ["mock"] = Result("""{"Payload":"{\"id\":1}","StatusCode":200,"Unmodelled":{"kept":true}}"""),
        });
        Assert.Equal("SUCCEEDED", Text(ok, "status"));
        AssertJson("""{"Payload":"{\"id\":1}","StatusCode":200,"Unmodelled":{"kept":true}}""", ok["output"]);

        // Payload is a blob in the Lambda API: JSON carries it as a string, so an object does not fit it.
        await RejectedAsync(
            new JsonObject { ["definition"] = LambdaTask, ["mock"] = Result("""{"Payload":{"id":1}}""") },
            "ValidationException",
            "Mock result schema validation error: Field 'Payload' must be a string");
        await RejectedAsync(
            new JsonObject { ["definition"] = LambdaTask, ["mock"] = Result("""{"StatusCode":"200"}""", "PRESENT") },
            "ValidationException",
            "Mock result schema validation error: Field 'StatusCode' must be a number");

        JsonObject unvalidated = await TestAsync(new JsonObject { ["definition"] = LambdaTask, ["mock"] = Result("""{"Payload":{"id":1}}""", "NONE") });
        AssertJson("""{"Payload":{"id":1}}""", unvalidated["output"]);
    }

    [Fact]
    public async Task Strict_mode_requires_the_required_fields_present_mode_only_checks_the_fields_given()
    {
        await RejectedAsync(
            new JsonObject { ["definition"] = StartExecutionTask, ["mock"] = Result("{}") },
            "ValidationException",
            "Mock result schema validation error: Required field 'ExecutionArn' is missing");
        await RejectedAsync(
            new JsonObject { ["definition"] = StartExecutionTask, ["mock"] = Result("""{"StartDate":true}""", "PRESENT") },
            "ValidationException",
            "Mock result schema validation error: Field 'StartDate' must be a string");

        JsonObject present = await TestAsync(new JsonObject { ["definition"] = StartExecutionTask, ["mock"] = Result("{}", "PRESENT") });
        Assert.Equal("{}", Text(present, "output"));

        // Even with no field validation the result must be JSON.
        await RejectedAsync(
            new JsonObject { ["definition"] = StartExecutionTask, ["mock"] = Result("not JSON", "NONE") },
            "ValidationException",
            "Mocked result must be valid JSON");
    }

    public static TheoryData<string, string, string, string> InvalidRequests() => new()
    {
        // definition, extra members (JSON), expected error type, expected message
        { LambdaTask, """{"mock":{"result":"{}","errorOutput":{"error":"E"}}}""", "ValidationException", "A test mock should have only one of the following fields: [result, errorOutput]." },
        { LambdaTask, """{"mock":{"fieldValidationMode":"STRICT"}}""", "ValidationException", "A test mock should have one of the following fields: [result, errorOutput]." },
        { LambdaTask, """{"mock":{"result":"{}","fieldValidationMode":"LENIENT"}}""", "ValidationException", "1 validation error detected: Value 'LENIENT' at 'mock.fieldValidationMode' failed to satisfy constraint: Member must satisfy enum value set: [STRICT, PRESENT, NONE]" },
        { LambdaTask, """{"mock":{"result":"{}"},"revealSecrets":true}""", "ValidationException", "TestState does not support RevealSecrets when a mock is specified." },
        { LambdaTask, "{}", "ValidationException", "RoleArn must be specified when testing a Task state" },
        { """{"Type":"Pass","End":true}""", """{"mock":{"result":"{}"}}""", "ValidationException", "State type 'Pass' is not supported when a mock is specified" },
        { """{"Type":"Fail","Error":"E"}""", """{"mock":{"errorOutput":{"error":"E"}}}""", "ValidationException", "State type 'Fail' is not supported when a mock is specified" },
        { Map(), "{}", "InvalidDefinition", "TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]" },
        { Map(), """{"mock":{"result":"{\"not\":\"an array\"}"}}""", "ValidationException", "Mocked result must be an array." },
        { Parallel(), """{"mock":{"result":"[1]"}}""", "ValidationException", "Mocked result must have one element per branch: the Parallel state has 2, the result 1." },
        { Map(), """{"mock":{"errorOutput":{"error":"E"}},"stateConfiguration":{"errorCausedByState":"Elsewhere"}}""", "ValidationException", "errorCausedByState 'Elsewhere' is not a state of the item processor or branches of the Map state 'StateName'." },
        { LambdaTask, """{"roleArn":"arn:aws:iam::123456789012:role/r","stateConfiguration":{"mapIterationFailureCount":1}}""", "ValidationException", "mapIterationFailureCount applies to a Map state; the state 'StateName' is a Task state." },
        { Map(), """{"mock":{"result":"[]"},"stateConfiguration":{"mapItemReaderData":"[1]"}}""", "ValidationException", "mapItemReaderData applies to a Map state with an ItemReader; the state 'StateName' has none." },
        { LambdaTask, """{"roleArn":"arn:aws:iam::123456789012:role/r","stateConfiguration":{"retrierRetryCount":-1}}""", "ValidationException", "1 validation error detected: Value '-1' at 'stateConfiguration.retrierRetryCount' failed to satisfy constraint: Member must have value greater than or equal to 0" },
        { LambdaTask, """{"roleArn":"arn:aws:iam::123456789012:role/r","context":"{}"}""", "ValidationException", "TestState accepts a Context object only when a mock is specified." },
        { LambdaTask, """{"mock":{"result":"{}"},"context":"{\"Map\":{}}"}""", "ValidationException", "Invalid Context object provided: 'Map' field is not supported when mocking a Context object" },
        { LambdaTask, """{"mock":{"result":"{}"},"context":"{\"Execution\":{\"Id\":1}}"}""", "ValidationException", "Invalid Context object provided: Execution.Id must be a string" },
        { LambdaTask, """{"mock":{"result":"{}"},"context":"{\"Pokedex\":{}}"}""", "ValidationException", "Invalid Context object provided: Field 'Pokedex' is not allowed" },
        { LambdaTask, """{"mock":{"result":"{}"},"context":"{\"Task\":{\"Token\":\"t\"}}"}""", "ValidationException", "Invalid Context object provided: Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern" },
        { """{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}""", """{"stateName":"Missing"}""", "ValidationException", "State not found in definition" },
        { """{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}""", """{"stateName":""}""", "ValidationException", "1 validation error detected: Value '' at 'stateName' failed to satisfy constraint: Member must have length greater than or equal to 1" },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task A_request_TestState_refuses_gets_AWS_s_error_and_wording(string definition, string members, string errorType, string message)
    {
        JsonObject request = JsonNode.Parse(members)!.AsObject();
        request["definition"] = definition;
        JsonObject error = await RejectedAsync(request, errorType, message);
        Assert.Equal(message, Text(error, "message"));
    }

    [Fact]
    public async Task A_JSONPath_pass_state_shows_its_data_flow_and_with_a_result_only_the_steps_after_it()
    {
        JsonObject shaped = await TestAsync(new JsonObject
        {
            ["definition"] = """{"Type":"Pass","InputPath":"$.initial","Parameters":{"static":"s","value.$":"$.field"},"ResultPath":"$.modified","Next":"After"}""",
            ["input"] = """{"initial":{"field":"v"},"other":1}""",
            ["inspectionLevel"] = "DEBUG",
        });
        Assert.Equal("After", Text(shaped, "nextState"));
        AssertInspection(shaped, """
            {"input":"{\"initial\":{\"field\":\"v\"},\"other\":1}","afterInputPath":"{\"field\":\"v\"}",
             "afterParameters":"{\"static\":\"s\",\"value\":\"v\"}","afterResultSelector":"{\"static\":\"s\",\"value\":\"v\"}",
             "afterResultPath":"{\"initial\":{\"field\":\"v\"},\"other\":1,\"modified\":{\"static\":\"s\",\"value\":\"v\"}}"}
            """);

        JsonObject withResult = await TestAsync(new JsonObject
        {
            ["definition"] = """{"Type":"Pass","Result":{"key":"value"},"End":true}""",
            ["input"] = """{"in":1}""",
            ["inspectionLevel"] = "TRACE",
        });
        AssertInspection(withResult, """
            {"input":"{\"in\":1}","result":"{\"key\":\"value\"}","afterResultSelector":"{\"key\":\"value\"}","afterResultPath":"{\"key\":\"value\"}"}
            """);
        Assert.Null(withResult["nextState"]);
    }

    [Fact]
    public async Task Choice_wait_succeed_and_fail_states_report_their_input_and_where_they_go()
    {
        const string Machine = """
            {"StartAt":"Route","States":{
              "Route":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":10,"Next":"Big"},{"Variable":"$.n","NumericLessThan":0,"Next":"Stop"}],"Default":"Pause"},
              "Pause":{"Type":"Wait","Seconds":99999999,"Next":"Big"},
              "Big":{"Type":"Succeed","InputPath":"$.n"},
              "Stop":{"Type":"Fail","Error":"Stopped","Cause":"on purpose"}}}
            """;
        JsonObject choice = await TestAsync(new JsonObject { ["definition"] = Machine, ["stateName"] = "Route", ["input"] = """{"n":3}""", ["inspectionLevel"] = "DEBUG" });
        Assert.Equal(("SUCCEEDED", "Pause"), (Text(choice, "status"), Text(choice, "nextState")));
        AssertInspection(choice, """{"input":"{\"n\":3}","afterInputPath":"{\"n\":3}"}""");

        // A Wait of more than three years: the response comes back at once because TestState does not wait.
        JsonObject wait = await TestAsync(new JsonObject { ["definition"] = Machine, ["stateName"] = "Pause", ["input"] = """{"n":3}""" });
        Assert.Equal(("SUCCEEDED", "Big", """{"n":3}"""), (Text(wait, "status"), Text(wait, "nextState"), Text(wait, "output")));

        JsonObject succeed = await TestAsync(new JsonObject { ["definition"] = Machine, ["stateName"] = "Big", ["input"] = """{"n":30}""", ["inspectionLevel"] = "DEBUG" });
        Assert.Equal(("SUCCEEDED", "30"), (Text(succeed, "status"), Text(succeed, "output")));
        Assert.Null(succeed["nextState"]);
        AssertInspection(succeed, """{"input":"{\"n\":30}","afterInputPath":"30"}""");

        JsonObject fail = await TestAsync(new JsonObject { ["definition"] = Machine, ["stateName"] = "Stop", ["input"] = "{}", ["inspectionLevel"] = "DEBUG" });
        Assert.Equal(("FAILED", "Stopped", "on purpose"), (Text(fail, "status"), Text(fail, "error"), Text(fail, "cause")));
        Assert.Null(fail["output"]);
        AssertInspection(fail, """{"input":"{}","afterInputPath":"{}"}""");
    }

    [Fact]
    public async Task A_mocked_task_runs_its_whole_JSONPath_data_flow_and_the_info_level_leaves_the_inspection_out()
    {
        const string Definition = """
            {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f","Payload.$":"$.order"},
             "ResultSelector":{"status.$":"$.StatusCode"},"ResultPath":"$.call","OutputPath":"$.call","Next":"Then"}
            """;
        var request = new JsonObject
        {
            ["definition"] = Definition,
            ["input"] = """{"order":{"id":1}}""",
            ["mock"] = Result("""{"StatusCode":200,"Payload":"done"}"""),
            ["inspectionLevel"] = "DEBUG",
        };

        JsonObject debug = await TestAsync(request);
        Assert.Equal(("SUCCEEDED", "Then", """{"status":200}"""), (Text(debug, "status"), Text(debug, "nextState"), Text(debug, "output")));
        AssertInspection(debug, """
            {"input":"{\"order\":{\"id\":1}}","afterInputPath":"{\"order\":{\"id\":1}}","afterParameters":"{\"FunctionName\":\"f\",\"Payload\":{\"id\":1}}",
             "result":"{\"StatusCode\":200,\"Payload\":\"done\"}","afterResultSelector":"{\"status\":200}",
             "afterResultPath":"{\"order\":{\"id\":1},\"call\":{\"status\":200}}"}
            """);

        request["inspectionLevel"] = "INFO";
        JsonObject info = await TestAsync(request);
        Assert.Equal(Text(debug, "output"), Text(info, "output"));
        Assert.Null(info["inspectionData"]);
    }

    [Fact]
    public async Task A_JSONata_task_shows_its_arguments_and_a_caught_error_its_catcher_and_output()
    {
        const string Definition = """
            {"QueryLanguage":"JSONata","Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
             "Arguments":{"FunctionName":"f","Payload":"{% $states.input.value %}"},
             "Catch":[{"ErrorEquals":["Other"],"Next":"Elsewhere"},
                      {"ErrorEquals":["States.TaskFailed"],"Output":{"failed":"{% $states.errorOutput.Error %}","input":"{% $states.input %}"},"Next":"Handle"}],
             "Next":"Then"}
            """;

        JsonObject caught = await TestAsync(new JsonObject
        {
            ["definition"] = Definition,
            ["input"] = """{"value":"x"}""",
            ["mock"] = new JsonObject { ["errorOutput"] = new JsonObject { ["error"] = "Broken", ["cause"] = "mocked" } },
            ["inspectionLevel"] = "TRACE",
        });
        Assert.Equal(("CAUGHT_ERROR", "Handle", "Broken", "mocked"), (Text(caught, "status"), Text(caught, "nextState"), Text(caught, "error"), Text(caught, "cause")));
        AssertJson("""{"failed":"Broken","input":{"value":"x"}}""", caught["output"]);
        AssertInspection(caught, """
            {"input":"{\"value\":\"x\"}","afterArguments":"{\"FunctionName\":\"f\",\"Payload\":\"x\"}","errorDetails":{"catchIndex":1}}
            """);

        JsonObject succeeded = await TestAsync(new JsonObject
        {
            ["definition"] = Definition,
            ["input"] = """{"value":"x"}""",
            ["mock"] = Result("""{"Payload":"ok"}"""),
            ["inspectionLevel"] = "DEBUG",
        });
        Assert.Equal(("SUCCEEDED", "Then"), (Text(succeeded, "status"), Text(succeeded, "nextState")));
        AssertInspection(succeeded, """
            {"input":"{\"value\":\"x\"}","afterArguments":"{\"FunctionName\":\"f\",\"Payload\":\"x\"}","result":"{\"Payload\":\"ok\"}"}
            """);
    }

    [Fact]
    public async Task Retrier_retry_count_makes_a_mocked_error_retriable_with_its_back_off_until_the_attempts_are_used()
    {
        const string Definition = """
            {"QueryLanguage":"JSONata","Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"FunctionName":"foo","Payload":"bar"},
             "Retry":[{"ErrorEquals":["MockException"],"IntervalSeconds":1,"MaxAttempts":5,"BackoffRate":2.0}],"End":true}
            """;
        JsonObject Request(int retries) => new()
        {
            ["definition"] = Definition,
            ["mock"] = new JsonObject { ["errorOutput"] = new JsonObject { ["error"] = "MockException", ["cause"] = "Mock the cause of the error." } },
            ["stateConfiguration"] = new JsonObject { ["retrierRetryCount"] = retries },
            ["inspectionLevel"] = "DEBUG",
        };

        JsonObject retriable = await TestAsync(Request(4));
        Assert.Equal(("RETRIABLE", "MockException"), (Text(retriable, "status"), Text(retriable, "error")));
        Assert.Null(retriable["nextState"]);
        AssertJson("""{"retryIndex":0,"retryBackoffIntervalSeconds":16}""", retriable["inspectionData"]!["errorDetails"]);

        JsonObject exhausted = await TestAsync(Request(5));
        Assert.Equal("FAILED", Text(exhausted, "status"));
        AssertJson("""{"retryIndex":0}""", exhausted["inspectionData"]!["errorDetails"]);
    }

    [Fact]
    public async Task A_mocked_JSONPath_map_shows_its_items_and_limits_and_tolerates_the_configured_failures()
    {
        const string Definition = """
            {"Type":"Map","ItemsPath":"$.values","ItemSelector":{"index.$":"$$.Map.Item.Index","value.$":"$$.Map.Item.Value"},
             "ItemProcessor":{"StartAt":"HandleItem","States":{"HandleItem":{"Type":"Pass","End":true}}},
             "ToleratedFailureCount":1,"MaxConcurrency":2,"ResultPath":"$.results",
             "Retry":[{"ErrorEquals":["Other"]},{"ErrorEquals":["States.ExceedToleratedFailureThreshold"],"MaxAttempts":2}],
             "Catch":[{"ErrorEquals":["States.ExceedToleratedFailureThreshold"],"ResultPath":"$.error","Next":"HandleThreshold"}],
             "Next":"Then"}
            """;
        JsonObject Request(int failed, int retries) => new()
        {
            ["definition"] = Definition,
            ["input"] = """{"values":["a","b","c"]}""",
            ["mock"] = Result("""["A","B","C"]"""),
            ["stateConfiguration"] = new JsonObject { ["mapIterationFailureCount"] = failed, ["retrierRetryCount"] = retries },
            ["inspectionLevel"] = "DEBUG",
        };

        JsonObject tolerated = await TestAsync(Request(failed: 1, retries: 0));
        Assert.Equal(("SUCCEEDED", "Then"), (Text(tolerated, "status"), Text(tolerated, "nextState")));
        AssertJson("""{"values":["a","b","c"],"results":["A","B","C"]}""", tolerated["output"]);
        AssertInspection(tolerated, """
            {"input":"{\"values\":[\"a\",\"b\",\"c\"]}","afterInputPath":"{\"values\":[\"a\",\"b\",\"c\"]}","afterItemsPath":"[\"a\",\"b\",\"c\"]",
             "afterItemSelector":"[{\"index\":0,\"value\":\"a\"},{\"index\":1,\"value\":\"b\"},{\"index\":2,\"value\":\"c\"}]",
             "afterResultSelector":"[\"A\",\"B\",\"C\"]","afterResultPath":"{\"values\":[\"a\",\"b\",\"c\"],\"results\":[\"A\",\"B\",\"C\"]}",
             "maxConcurrency":2,"toleratedFailureCount":1}
            """);

        JsonObject retriable = await TestAsync(Request(failed: 2, retries: 0));
        Assert.Equal(("RETRIABLE", "States.ExceedToleratedFailureThreshold", "The specified tolerated failure threshold was exceeded"),
            (Text(retriable, "status"), Text(retriable, "error"), Text(retriable, "cause")));
        AssertJson("""{"retryIndex":1,"retryBackoffIntervalSeconds":1}""", retriable["inspectionData"]!["errorDetails"]);

        JsonObject caught = await TestAsync(Request(failed: 2, retries: 2));
        Assert.Equal(("CAUGHT_ERROR", "HandleThreshold"), (Text(caught, "status"), Text(caught, "nextState")));
        AssertJson("""{"retryIndex":1,"catchIndex":0}""", caught["inspectionData"]!["errorDetails"]);
        Assert.Equal("States.ExceedToleratedFailureThreshold", JsonNode.Parse(Text(caught, "output"))!["error"]!["Error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_mocked_JSONata_map_without_tolerance_succeeds_whatever_failed_and_a_mocked_error_fails_it()
    {
        const string Machine = """
            {"QueryLanguage":"JSONata","StartAt":"State0","States":{"State0":{"Type":"Map","Items":"{% $states.input.Values %}",
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"HandleItem",
                "States":{"HandleItem":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"FunctionName":"f"},"End":true}}},
              "Output":{"count":"{% $count($states.result) %}"},"End":true}}}
            """;

        JsonObject result = await TestAsync(new JsonObject
        {
            ["definition"] = Machine,
            ["stateName"] = "State0",
            ["input"] = """{"Values":[1,2,3]}""",
            ["mock"] = Result("[1,0,0]"),
            ["stateConfiguration"] = new JsonObject { ["mapIterationFailureCount"] = 2 },
            ["inspectionLevel"] = "DEBUG",
        });
        Assert.Equal(("SUCCEEDED", """{"count":3}"""), (Text(result, "status"), Text(result, "output")));
        AssertInspection(result, """{"input":"{\"Values\":[1,2,3]}","maxConcurrency":0}""");

        JsonObject failed = await TestAsync(new JsonObject
        {
            ["definition"] = Machine,
            ["stateName"] = "State0",
            ["input"] = """{"Values":[1,2,3]}""",
            ["mock"] = new JsonObject { ["errorOutput"] = new JsonObject { ["error"] = "MockException", ["cause"] = "Mock the error cause." } },
            ["stateConfiguration"] = new JsonObject { ["errorCausedByState"] = "HandleItem" },
        });
        Assert.Equal(("FAILED", "MockException", "Mock the error cause."), (Text(failed, "status"), Text(failed, "error"), Text(failed, "cause")));
    }

    [Fact]
    public async Task A_map_item_reader_reads_the_given_data_whose_items_the_mock_stands_for()
    {
        const string Machine = """
            {"QueryLanguage":"JSONata","StartAt":"State0","States":{"State0":{"Type":"Map","MaxConcurrency":1,
              "ItemReader":{"ReaderConfig":{"InputType":"JSON"},"Resource":"arn:aws:states:::s3:getObject",
                            "Arguments":{"Bucket":"{% $states.input.Bucket %}","Key":"{% $states.input.Key %}"}},
              "ItemSelector":{"squared":"{% $states.context.Map.Item.Value * $states.context.Map.Item.Value %}"},
              "ToleratedFailurePercentage":50,
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"HandleItem",
                "States":{"HandleItem":{"Type":"Pass","End":true}}},"End":true}}}
            """;
        JsonObject Request(int failed) => new()
        {
            ["definition"] = Machine,
            ["stateName"] = "State0",
            ["input"] = """{"Bucket":"test-bucket","Key":"test-key"}""",
            ["mock"] = Result("[1, 4, 9]"),
            ["stateConfiguration"] = new JsonObject { ["mapItemReaderData"] = "[1, 2, 3]", ["mapIterationFailureCount"] = failed },
            ["inspectionLevel"] = "DEBUG",
        };

        JsonObject read = await TestAsync(Request(failed: 1));
        Assert.Equal(("SUCCEEDED", "[1,4,9]"), (Text(read, "status"), Text(read, "output")));
        AssertInspection(read, """
            {"input":"{\"Bucket\":\"test-bucket\",\"Key\":\"test-key\"}",
             "afterItemSelector":"[{\"squared\":1},{\"squared\":4},{\"squared\":9}]","maxConcurrency":1,"toleratedFailurePercentage":50}
            """);

        // Two of the three items read is more than the tolerated half.
        JsonObject exceeded = await TestAsync(Request(failed: 2));
        Assert.Equal(("FAILED", "States.ExceedToleratedFailureThreshold"), (Text(exceeded, "status"), Text(exceeded, "error")));
    }

    [Fact]
    public async Task A_mocked_parallel_state_takes_one_result_per_branch_through_its_data_flow_in_both_languages()
    {
        JsonObject jsonPath = await TestAsync(new JsonObject
        {
            ["definition"] = Parallel(),
            ["input"] = """{"keep":true}""",
            ["mock"] = Result("""[{"branch1":"result"},{"branch2":"result"}]"""),
            ["inspectionLevel"] = "DEBUG",
        });
        AssertJson("""{"keep":true,"branches":[{"branch1":"result"},{"branch2":"result"}]}""", jsonPath["output"]);
        AssertInspection(jsonPath, """
            {"input":"{\"keep\":true}","afterInputPath":"{\"keep\":true}","afterParameters":"{\"keep\":true}",
             "afterResultSelector":"[{\"branch1\":\"result\"},{\"branch2\":\"result\"}]",
             "afterResultPath":"{\"keep\":true,\"branches\":[{\"branch1\":\"result\"},{\"branch2\":\"result\"}]}"}
            """);

        JsonObject jsonata = await TestAsync(new JsonObject
        {
            ["definition"] = """
                {"Type":"Parallel","QueryLanguage":"JSONata","Arguments":"{% $states.input.parallelInput %}",
                 "Output":{"merged":"{% $states.result %}"},"End":true,
                 "Branches":[{"StartAt":"B1","States":{"B1":{"Type":"Pass","End":true}}},{"StartAt":"B2","States":{"B2":{"Type":"Pass","End":true}}}]}
                """,
            ["input"] = """{"parallelInput":{"p":1}}""",
            ["mock"] = Result("[1,2]"),
            ["inspectionLevel"] = "DEBUG",
        });
        Assert.Equal("""{"merged":[1,2]}""", Text(jsonata, "output"));
        AssertInspection(jsonata, """{"input":"{\"parallelInput\":{\"p\":1}}","afterArguments":"{\"p\":1}"}""");
    }

    [Fact]
    public async Task A_state_of_a_map_item_processor_is_tested_by_its_name_with_variables_and_a_given_context()
    {
        const string Machine = """
            {"StartAt":"Each","States":{"Each":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"Charge","States":{
              "Charge":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                        "Parameters":{"FunctionName":"charge","Payload":{"limit.$":"$limit","execution.$":"$$.Execution.Name"}},
                        "ResultSelector":{"sent.$":"$$.State.Name","status.$":"$.StatusCode"},
                        "Assign":{"charged.$":"$.status"},"Next":"Done"},
              "Done":{"Type":"Succeed"}}}}}}
            """;

        JsonObject charged = await TestAsync(new JsonObject
        {
            ["definition"] = Machine,
            ["stateName"] = "Charge",
            ["variables"] = """{"limit":10}""",
            ["context"] = """{"Execution":{"Name":"given-execution"},"State":{"Name":"Charge"}}""",
            ["mock"] = Result("""{"StatusCode":202}"""),
            ["inspectionLevel"] = "DEBUG",
        });

        Assert.Equal(("SUCCEEDED", "Done", """{"sent":"Charge","status":202}"""), (Text(charged, "status"), Text(charged, "nextState"), Text(charged, "output")));
        AssertJson("""{"FunctionName":"charge","Payload":{"limit":10,"execution":"given-execution"}}""", charged["inspectionData"]!["afterParameters"]);
        AssertJson("""{"limit":10,"charged":202}""", charged["inspectionData"]!["variables"]);
    }

    [Fact]
    public async Task A_JSONata_state_reads_the_variables_and_context_it_is_given_and_shows_no_JSONPath_steps()
    {
        JsonObject pass = await TestAsync(new JsonObject
        {
            ["definition"] = """{"QueryLanguage":"JSONata","Type":"Pass","Output":{"access":"{% $greeting & ' ' & $states.input.name %}","state":"{% $states.context.State.Name %}"},"End":true}""",
            ["input"] = """{"name":"Ada"}""",
            ["variables"] = """{"greeting":"hello"}""",
            ["inspectionLevel"] = "TRACE",
        });

        Assert.Equal("""{"access":"hello Ada","state":"StateName"}""", Text(pass, "output"));
        AssertInspection(pass, """{"input":"{\"name\":\"Ada\"}","variables":"{\"greeting\":\"hello\"}"}""");

        JsonObject choice = await TestAsync(new JsonObject
        {
            ["definition"] = """{"QueryLanguage":"JSONata","Type":"Choice","Choices":[{"Condition":"{% $states.input.cost < 10 %}","Next":"Approved"}],"Default":"Ask"}""",
            ["input"] = """{"cost":10}""",
            ["inspectionLevel"] = "DEBUG",
        });
        Assert.Equal("Ask", Text(choice, "nextState"));
        AssertInspection(choice, """{"input":"{\"cost\":10}"}""");
    }

    private static string Map() => """
        {"Type":"Map","ItemProcessor":{"StartAt":"HandleItem","States":{"HandleItem":{"Type":"Pass","End":true}}},"End":true}
        """;

    private static string Parallel() => """
        {"Type":"Parallel","ResultPath":"$.branches","End":true,"Branches":[
          {"StartAt":"B1","States":{"B1":{"Type":"Pass","End":true}}},{"StartAt":"B2","States":{"B2":{"Type":"Pass","End":true}}}]}
        """;

    private static JsonObject Result(string result, string? fieldValidationMode = null)
    {
        var mock = new JsonObject { ["result"] = result };
        return mock.With("fieldValidationMode", fieldValidationMode);
    }

    private static string Text(JsonObject json, string member) => json[member]!.GetValue<string>();

    /// <summary>Compares JSON texts (the API returns the state's data as JSON strings) by their values.</summary>
    private static void AssertJson(string expected, JsonNode? actual)
    {
        JsonNode? actualValue = actual is JsonValue text && text.TryGetValue(out string? json) ? JsonNode.Parse(json) : actual;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actualValue), $"Expected {expected} but got {actual?.ToJsonString()}");
    }

    /// <summary>The inspection data must hold exactly these members, compared as text (JSON strings) or numbers.</summary>
    private static void AssertInspection(JsonObject response, string expected)
    {
        JsonNode? actual = response["inspectionData"];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"Expected inspection {expected} but got {actual?.ToJsonString()}");
    }

    private async Task<JsonObject> TestAsync(JsonObject request)
    {
        if (request["mock"] is null && request["roleArn"] is null)
        {
            request["roleArn"] = Role;
        }

        return await fixture.CallOkAsync("TestState", request);
    }

    private async Task<JsonObject> RejectedAsync(JsonObject request, string errorType, string message)
    {
        var (status, error) = await fixture.CallAsync("TestState", request);
        Assert.Equal(400, status);
        Assert.Equal(errorType, Text(error, "__type"));
        Assert.Equal(message, Text(error, "message"));
        return error;
    }
}
