using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Validation;
using LongLivedTransactions.StatesLanguage.Tests.Support;
using static LongLivedTransactions.StatesLanguage.Tests.Support.EngineHarness;

namespace LongLivedTransactions.StatesLanguage.Tests.Engine;

public sealed class JsonataStateTests
{
    private const string Lambda = "arn:aws:states:::lambda:invoke";

    [Fact]
    public async Task Arguments_and_Output_shape_a_task_call_and_its_result()
    {
        var invoker = ScriptedTaskInvoker.Returning(Lambda, call => new JsonObject { ["Payload"] = new JsonObject { ["total"] = call.Parameters!["Payload"]!["qty"]!.GetValue<double>() * 2 } });
        var execution = await RunAsync(
            """
            {"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
              "Arguments":{"FunctionName":"f","Payload":{"qty":"{% $states.input.qty %}"}},
              "Output":{"total":"{% $states.result.Payload.total %}","id":"{% $states.input.id %}"},"End":true}}}
            """,
            """{"id":"a1","qty":3}""",
            [invoker]);

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        AssertJson("""{"total":6,"id":"a1"}""", Output(execution));
    }

    [Fact]
    public async Task Assign_sees_the_values_on_entry_and_the_next_state_sees_the_new_ones()
    {
        var execution = await RunAsync(
            """
            {"QueryLanguage":"JSONata","StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"x":1},"Next":"B"},
              "B":{"Type":"Pass","Assign":{"x":"{% $x + 1 %}","seen":"{% $x %}"},"Output":{"during":"{% $x %}"},"Next":"C"},
              "C":{"Type":"Pass","Output":{"x":"{% $x %}","seen":"{% $seen %}","during":"{% $states.input.during %}"},"End":true}}}
            """);

        AssertJson("""{"x":2,"seen":1,"during":1}""", Output(execution));
    }

    [Fact]
    public async Task A_map_iteration_reads_outer_variables_but_its_assignments_stay_inside()
    {
        var execution = await RunAsync(
            """
            {"QueryLanguage":"JSONata","StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"factor":10,"inner":"outer"},"Next":"M"},
              "M":{"Type":"Map","Items":"{% [1,2,3] %}","ItemSelector":{"v":"{% $states.context.Map.Item.Value * $factor %}"},
                "ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Assign":{"inner":"changed"},"Output":"{% $states.input.v %}","End":true}}},
                "Next":"C"},
              "C":{"Type":"Pass","Output":{"result":"{% $states.input %}","inner":"{% $inner %}"},"End":true}}}
            """);

        AssertJson("""{"result":[10,20,30],"inner":"outer"}""", Output(execution));
    }

    [Fact]
    public async Task Choice_conditions_pick_the_rule_whose_Output_and_Assign_apply()
    {
        var execution = await RunAsync(
            """
            {"QueryLanguage":"JSONata","StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[
                {"Condition":"{% $states.input.n > 5 %}","Next":"Big","Output":{"size":"big"},"Assign":{"picked":1}},
                {"Condition":"{% $states.input.n > 0 %}","Next":"Small","Output":{"size":"small"},"Assign":{"picked":2}}],
               "Default":"Small"},
              "Big":{"Type":"Pass","Output":{"size":"{% $states.input.size %}","picked":"{% $picked %}"},"End":true},
              "Small":{"Type":"Pass","Output":{"size":"{% $states.input.size %}","picked":"{% $picked %}"},"End":true}}}
            """,
            """{"n":3}""");

        AssertJson("""{"size":"small","picked":2}""", Output(execution));
    }

    [Fact]
    public async Task A_catcher_sees_the_error_output_and_keeps_the_state_input_in_a_variable()
    {
        var invoker = new ScriptedTaskInvoker(Lambda, (_, _) => throw new TaskFailedException("ErrProcessPayment", "card declined"));
        var execution = await RunAsync(
            """
            {"QueryLanguage":"JSONata","StartAt":"T","States":{
              "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Assign":{"order":"{% $states.input %}"},
                "Catch":[{"ErrorEquals":["ErrProcessPayment"],"Next":"F","Assign":{"error":"{% $states.errorOutput %}","order":"{% $states.input %}"}}],"End":true},
              "F":{"Type":"Fail","Error":"{% $error.Error %}","Cause":"{% $order.id & ': ' & $error.Cause %}"}}}
            """,
            """{"id":"o-1"}""",
            [invoker]);

        Assert.Equal(ExecutionStatus.Failed, execution.Status);
        Assert.Equal("ErrProcessPayment", execution.Error);
        Assert.Equal("o-1: card declined", execution.Cause);
    }

    [Theory]
    [InlineData("{% $states.context.State.Name %}", "\"P\"")]
    [InlineData("{% $lookup($states, 'context').State.Name %}", "\"P\"")]
    [InlineData("{% $keys($states) %}", "[\"input\",\"context\"]")]
    [InlineData("{% $states.input.n %}", "1")]
    public async Task The_context_is_there_for_every_way_of_reading_it(string expression, string expected)
    {
        var execution = await RunAsync(
            """{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":""" + JsonValue.Create(expression).ToJsonString() + ",\"End\":true}}}",
            """{"n":1}""");

        AssertJson(expected, Output(execution));
    }

    [Fact]
    public async Task An_expression_that_returns_nothing_fails_the_state_and_names_the_field()
    {
        var execution = await RunAsync(
            """{"QueryLanguage":"JSONata","StartAt":"E","States":{"E":{"Type":"Pass","Output":{"v":"{% $states.input.missing %}"},"End":true}}}""");

        Assert.Equal("States.QueryEvaluationError", execution.Error);
        Assert.Equal(
            "An error occurred while executing the state 'E' (entered at the event id #2). The JSONata expression '$states.input.missing' specified for the field 'Output/v' returned nothing (undefined).",
            execution.Cause);
    }

    [Fact]
    public async Task A_query_evaluation_error_can_be_caught()
    {
        var execution = await RunAsync(
            """
            {"QueryLanguage":"JSONata","StartAt":"E","States":{
              "E":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"x":"{% 1 + 'a' %}"},
                "Catch":[{"ErrorEquals":["States.QueryEvaluationError"],"Next":"Done"}],"End":true},
              "Done":{"Type":"Succeed"}}}
            """,
            invokers: [ScriptedTaskInvoker.Returning(Lambda, _ => new JsonObject())]);

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        Assert.Equal("States.QueryEvaluationError", Output(execution)!["Error"]!.GetValue<string>());
        Assert.Contains("threw an error during evaluation. T2002:", Output(execution)!["Cause"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_seconds_and_the_Step_Functions_functions_are_available()
    {
        var execution = await RunAsync(
            """
            {"QueryLanguage":"JSONata","StartAt":"W","States":{
              "W":{"Type":"Wait","Seconds":"{% $states.input.delay %}","Next":"P"},
              "P":{"Type":"Pass","Output":{"parts":"{% $partition([1,2,3,4], 2) %}","hash":"{% $hash('input', 'SHA-1') %}","random":"{% $random(42) %}"},"End":true}}}
            """,
            """{"delay":30}""");

        AssertJson("""{"parts":[[1,2],[3,4]],"hash":"140f86aae51ab9e1cda9b4254fe98a74eb54c1a1","random":0.7275636800328681}""", Output(execution));
        // The harness moves the fake clock a second at a time, so the exit is seen at 30 s or just after.
        Assert.InRange(Events(execution, "WaitStateExited").Single().Timestamp, StartTime.AddSeconds(30), StartTime.AddSeconds(35));
    }

    [Fact]
    public async Task A_JSONata_state_may_sit_in_a_JSONPath_machine()
    {
        var execution = await RunAsync(
            """
            {"StartAt":"A","States":{
              "A":{"Type":"Pass","Parameters":{"n.$":"$.n"},"Next":"B"},
              "B":{"Type":"Pass","QueryLanguage":"JSONata","Output":{"double":"{% $states.input.n * 2 %}"},"End":true}}}
            """,
            """{"n":4}""");

        AssertJson("""{"double":8}""", Output(execution));
    }

    [Theory]
    [InlineData("""{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% 1 + %}","End":true}}}""", "INVALID_JSONATA_EXPRESSION", "/States/P/Output")]
    [InlineData("""{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":{"v":"{% phone %}"},"End":true}}}""", "UNSUPPORTED_JSONATA_EXPRESSION", "/States/P/Output/v")]
    [InlineData("""{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.a","End":true}}}""", "SCHEMA_VALIDATION_FAILED", "/States/P")]
    [InlineData("""{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","QueryLanguage":"JSONPath","End":true}}}""", "SCHEMA_VALIDATION_FAILED", "/States/P")]
    [InlineData("""{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% $states.errorOutput %}","End":true}}}""", "UNSUPPORTED_JSONATA_EXPRESSION", "/States/P/Output")]
    [InlineData("""{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% $$ %}","End":true}}}""", "UNSUPPORTED_JSONATA_EXPRESSION", "/States/P/Output")]
    public void Definitions_AWS_refuses_are_refused(string definition, string code, string location)
    {
        var diagnostic = Assert.Single(StateMachineValidator.Validate(definition), d => d.IsError);

        Assert.Equal((code, location), (diagnostic.Code, diagnostic.Location));
    }

    [Theory]
    [InlineData(
        """{"StartAt":"P","States":{"P":{"Type":"Pass","Output":{"v":1},"End":true}}}""",
        "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage", "/States/P")]
    [InlineData(
        """{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.a","End":true}}}""",
        "The QueryLanguage is set to 'JSONata', but field 'InputPath' is only supported for the 'JSONPath' QueryLanguage", "/States/P")]
    [InlineData(
        """{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","QueryLanguage":"JSONPath","End":true}}}""",
        "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", "/States/P")]
    [InlineData(
        """{"StartAt":"M","States":{"M":{"Type":"Map","QueryLanguage":"JSONata","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","Output":{"v":1},"End":true}}},"End":true}}}""",
        "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage", "/States/M/ItemProcessor/States/P")]
    [InlineData(
        """{"StartAt":"B","States":{"B":{"Type":"Parallel","QueryLanguage":"JSONata","Branches":[{"StartAt":"P","States":{"P":{"Type":"Pass","Output":{"v":1},"End":true}}}],"End":true}}}""",
        "The QueryLanguage is set to 'JSONPath', but field 'Output' is only supported for the 'JSONata' QueryLanguage", "/States/B/Branches/0/States/P")]
    [InlineData(
        """{"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","ItemProcessor":{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},"End":true}}}""",
        "Field 'QueryLanguage' is not supported", "/States/M/ItemProcessor")]
    [InlineData(
        """{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":"{% $states.errorOutput %}","End":true}}}""",
        "Field '$states.errorOutput' does not exist.", "/States/P/Output")]
    public void Query_language_rules_read_as_AWS_words_them(string definition, string message, string location)
    {
        var diagnostic = Assert.Single(StateMachineValidator.Validate(definition), d => d.IsError);

        Assert.Equal((message, location), (diagnostic.Message, diagnostic.Location));
    }

    [Fact]
    public void A_top_level_reference_names_the_field_as_AWS_does()
    {
        var diagnostic = Assert.Single(StateMachineValidator.Validate(
            """{"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","Output":{"v":"{% phone %}"},"End":true}}}"""));

        Assert.Equal("Reference to 'phone' at the top level is not supported.", diagnostic.Message);
    }
    [Fact]
    public async Task An_expression_that_only_names_an_object_hands_it_on_as_JSONata_values_would()
    {
        // Numbers come out as JSONata's doubles write them, whether the object is converted or taken as it is.
        var execution = await RunAsync(
            """
            {"QueryLanguage":"JSONata","StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"kept":"{% $states.input.order %}"},"Output":"{% $states.input.order %}","Next":"B"},
              "B":{"Type":"Pass","Output":{"named":"{% $kept %}","list":"{% $states.input.items %}","first":"{% $kept.items[0] %}"},"End":true}}}
            """,
            """{"order":{"qty":1.0,"big":1e2,"items":[{"n":2.50}],"none":null}}""");

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        Assert.Equal(
            """{"named":{"qty":1,"big":100,"items":[{"n":2.5}],"none":null},"list":[{"n":2.5}],"first":{"n":2.5}}""",
            execution.OutputJson);
        var exitedA = execution.GetHistory().First(e => e.Type == "PassStateExited").Details!;
        Assert.Equal("""{"qty":1,"big":100,"items":[{"n":2.5}],"none":null}""", exitedA["output"]!.GetValue<string>());
        Assert.Equal("""{"qty":1,"big":100,"items":[{"n":2.5}],"none":null}""", exitedA["assignedVariables"]!["kept"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_state_output_named_by_the_next_state_is_copied_as_it_is()
    {
        // A hands on part of its input, checked once; B names it as $states.input (a copy of it) and a parsed value that
        // still needs converting.
        var execution = await RunAsync(
            """
            {"QueryLanguage":"JSONata","StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"raw":"{% $states.input.raw %}"},"Output":"{% $states.input.order %}","Next":"B"},
              "B":{"Type":"Pass","Output":{"payload":"{% $states.input %}","raw":"{% $raw %}"},"End":true}}}
            """,
            """{"order":{"qty":1,"price":14.5,"items":[{"n":2.5}]},"raw":{"p":14.50}}""");

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        Assert.Equal("""{"payload":{"qty":1,"price":14.5,"items":[{"n":2.5}]},"raw":{"p":14.5}}""", execution.OutputJson);
    }

    [Fact]
    public async Task An_expression_that_only_names_a_string_number_or_boolean_gives_it_as_JSONata_does()
    {
        var execution = await RunAsync(
            """
            {"QueryLanguage":"JSONata","StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"id":"{% $states.input.order.id %}"},
                   "Output":{"id":"{% $states.input.order.id %}","price":"{% $states.input.order.price %}","exact":"{% $states.input.order.exact %}","ok":"{% $states.input.order.ok %}","none":"{% $states.input.order.none %}"},"Next":"B"},
              "B":{"Type":"Pass","Output":"{% $id %}","End":true}}}
            """,
            """{"order":{"id":"o-1 \u00e9","price":14.50,"exact":14.5,"ok":true,"none":null}}""");

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        Assert.Equal("\"o-1 é\"", execution.OutputJson);
        var exitedA = execution.GetHistory().First(e => e.Type == "PassStateExited").Details!;
        Assert.Equal("""{"id":"o-1 é","price":14.5,"exact":14.5,"ok":true,"none":null}""", exitedA["output"]!.GetValue<string>());
        Assert.Equal("\"o-1 é\"", exitedA["assignedVariables"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_named_field_that_is_missing_or_behind_an_array_is_evaluated_as_JSONata_does()
    {
        var execution = await RunAsync(
            """
            {"QueryLanguage":"JSONata","StartAt":"A","States":{
              "A":{"Type":"Pass","Output":{"each":"{% $states.input.rows.v %}","single":"{% $states.input.one %}"},"Next":"B"},
              "B":{"Type":"Pass","Output":"{% $states.input.gone %}","End":true}}}
            """,
            """{"rows":[{"v":{"a":1}},{"v":{"a":2}}],"one":[{"b":1}]}""");

        Assert.Equal(ExecutionStatus.Failed, execution.Status);
        Assert.Equal(
            "An error occurred while executing the state 'B' (entered at the event id #4). The JSONata expression '$states.input.gone' specified for the field 'Output' returned nothing (undefined).",
            execution.Cause);
        var exitedA = execution.GetHistory().First(e => e.Type == "PassStateExited").Details!;
        Assert.Equal("""{"each":[{"a":1},{"a":2}],"single":[{"b":1}]}""", exitedA["output"]!.GetValue<string>());
    }
    [Fact]
    public async Task An_Output_that_names_a_part_of_the_result_leaves_the_recorded_result_whole()
    {
        // The output stays inside the task result (nothing is copied); the next state copies it into its own arguments.
        var invoker = ScriptedTaskInvoker.Returning(Lambda, call => new JsonObject
        {
            ["StatusCode"] = 200,
            ["Payload"] = new JsonObject { ["n"] = JsonValue.Create(2.5), ["seen"] = call.Parameters!["Payload"]!.DeepClone() },
        });
        var execution = await RunAsync(
            """
            {"QueryLanguage":"JSONata","StartAt":"A","States":{
              "A":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"FunctionName":"f","Payload":"{% $states.input %}"},
                "Output":"{% $states.result.Payload %}","Next":"B"},
              "B":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"FunctionName":"g","Payload":"{% $states.input %}"},
                "Output":"{% $states.input %}","End":true}}}
            """,
            """{"id":"a1","qty":3}""",
            [invoker]);

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        var history = execution.GetHistory();
        var succeeded = history.Where(e => e.Type == "TaskSucceeded").Select(e => e.Details!["output"]!.GetValue<string>()).ToArray();
        Assert.Equal("""{"StatusCode":200,"Payload":{"n":2.5,"seen":{"id":"a1","qty":3}}}""", succeeded[0]);
        Assert.Equal("""{"StatusCode":200,"Payload":{"n":2.5,"seen":{"n":2.5,"seen":{"id":"a1","qty":3}}}}""", succeeded[1]);
        var scheduledB = history.Where(e => e.Type == "TaskScheduled").Last().Details!["parameters"]!.GetValue<string>();
        Assert.Equal("""{"FunctionName":"g","Payload":{"n":2.5,"seen":{"id":"a1","qty":3}}}""", scheduledB);
        Assert.Equal("""{"n":2.5,"seen":{"id":"a1","qty":3}}""", execution.OutputJson);
    }
}
