using LongLivedTransactions.StatesLanguage.Execution;
using static LongLivedTransactions.StatesLanguage.Tests.Support.EngineHarness;

namespace LongLivedTransactions.StatesLanguage.Tests.Engine;

public sealed class PassStateTests
{
    [Fact]
    public async Task Without_fields_the_input_passes_through()
    {
        var execution = await RunAsync("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", """{"a":1}""");

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        AssertJson("""{"a":1}""", Output(execution));
    }

    [Fact]
    public async Task Result_placed_with_ResultPath_keeps_the_rest_of_the_input()
    {
        var execution = await RunAsync(
            """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"x":1},"ResultPath":"$.deep.result","End":true}}}""",
            """{"a":1}""");

        AssertJson("""{"a":1,"deep":{"result":{"x":1}}}""", Output(execution));
    }

    [Fact]
    public async Task ResultPath_null_discards_the_result()
    {
        var execution = await RunAsync(
            """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":"ignored","ResultPath":null,"End":true}}}""",
            """{"a":1}""");

        AssertJson("""{"a":1}""", Output(execution));
    }

    [Fact]
    public async Task ResultPath_into_the_input_itself_copies_it()
    {
        var execution = await RunAsync(
            """{"StartAt":"P","States":{"P":{"Type":"Pass","ResultPath":"$.copy","End":true}}}""",
            """{"a":1}""");

        AssertJson("""{"a":1,"copy":{"a":1}}""", Output(execution));
    }

    [Fact]
    public async Task InputPath_Parameters_and_OutputPath_shape_the_data()
    {
        const string definition = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.order",
              "Parameters":{"id.$":"$.id","fixed":"yes","nested":{"total.$":"$.total"},"list":[{"first.$":"$.id"}]},
              "OutputPath":"$.nested","End":true}}}
            """;
        var execution = await RunAsync(definition, """{"order":{"id":"o-1","total":12.5}}""");

        AssertJson("""{"total":12.5}""", Output(execution));
    }

    [Fact]
    public async Task InputPath_null_gives_an_empty_object()
    {
        var execution = await RunAsync(
            """{"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":null,"End":true}}}""", """{"a":1}""");

        AssertJson("{}", Output(execution));
    }

    [Fact]
    public async Task Parameters_read_the_context_object()
    {
        const string definition = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{
              "id.$":"$$.Execution.Id","name.$":"$$.Execution.Name","input.$":"$$.Execution.Input",
              "machine.$":"$$.StateMachine.Name","state.$":"$$.State.Name","entered.$":"$$.State.EnteredTime"},"End":true}}}
            """;
        var execution = await RunAsync(definition, """{"k":"v"}""");

        var output = Output(execution)!;
        Assert.Equal(ExecutionArn, output["id"]!.GetValue<string>());
        Assert.Equal("run-1", output["name"]!.GetValue<string>());
        AssertJson("""{"k":"v"}""", output["input"]);
        Assert.Equal("TestMachine", output["machine"]!.GetValue<string>());
        Assert.Equal("P", output["state"]!.GetValue<string>());
        var entered = Events(execution, "PassStateEntered").Single().Timestamp;
        Assert.Equal(entered.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture), output["entered"]!.GetValue<string>());
    }

    [Fact]
    public async Task Parameters_call_intrinsic_functions()
    {
        const string definition = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{
              "greeting.$":"States.Format('Hello, {}!', $.name)","sum.$":"States.MathAdd($.a, 2)"},"End":true}}}
            """;
        var execution = await RunAsync(definition, """{"name":"Ada","a":40}""");

        AssertJson("""{"greeting":"Hello, Ada!","sum":42}""", Output(execution));
    }

    [Fact]
    public async Task A_failing_intrinsic_function_is_States_IntrinsicFailure()
    {
        var execution = await RunAsync(
            """{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"x.$":"States.ArrayGetItem($.list, 5)"},"End":true}}}""",
            """{"list":[1]}""");

        Assert.Equal(ExecutionStatus.Failed, execution.Status);
        Assert.Equal("States.IntrinsicFailure", execution.Error);
    }

    [Fact]
    public async Task A_missing_Parameters_path_fails_with_AWS_cause_text()
    {
        var execution = await RunAsync(
            """{"StartAt":"pass","States":{"pass":{"Type":"Pass","Parameters":{"value.$":"$.no_such_jsonpath"},"End":true}}}""",
            """{"int-literal":0}""");

        Assert.Equal(ExecutionStatus.Failed, execution.Status);
        Assert.Equal("States.Runtime", execution.Error);
        Assert.Equal(
            "An error occurred while executing the state 'pass' (entered at the event id #2). The JSONPath '$.no_such_jsonpath' " +
            "specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'",
            execution.Cause);
        Assert.Equal(["1 0 ExecutionStarted", "2 0 PassStateEntered", "3 2 ExecutionFailed"], Outline(execution));
    }

    [Fact]
    public async Task A_missing_InputPath_fails_with_the_Jayway_message()
    {
        var execution = await RunAsync(
            """{"StartAt":"pass","States":{"pass":{"Type":"Pass","InputPath":"$.NoSuchInputPath","End":true}}}""");

        Assert.Equal("States.Runtime", execution.Error);
        Assert.Equal(
            "An error occurred while executing the state 'pass' (entered at the event id #2). Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']",
            execution.Cause);
    }

    [Fact]
    public async Task A_result_over_256_KiB_is_States_DataLimitExceeded()
    {
        var big = new string('a', 262_145);
        var execution = await RunAsync($$$$"""{"StartAt":"State_1","States":{"State_1":{"Type":"Pass","Result":{"Arg1":"{{{{big}}}}"},"End":true}}}""");

        Assert.Equal(ExecutionStatus.Failed, execution.Status);
        Assert.Equal("States.DataLimitExceeded", execution.Error);
        Assert.Equal("The state/task 'State_1' returned a result with a size exceeding the maximum number of bytes service limit.", execution.Cause);
    }
}
