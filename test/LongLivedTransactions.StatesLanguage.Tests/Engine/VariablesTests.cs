using LongLivedTransactions.StatesLanguage.Execution;
using static LongLivedTransactions.StatesLanguage.Tests.Support.EngineHarness;

namespace LongLivedTransactions.StatesLanguage.Tests.Engine;

public sealed class VariablesTests
{
    [Fact]
    public async Task Assign_reads_the_state_result_and_later_states_read_the_variable()
    {
        const string definition = """
            {"StartAt":"A","States":{
              "A":{"Type":"Pass","Result":{"answer":42},"Assign":{"theAnswer.$":"$.answer","literal":"x"},"Next":"B"},
              "B":{"Type":"Pass","Parameters":{"a.$":"$theAnswer","l.$":"$literal","f.$":"States.Format('{}!', $theAnswer)"},"End":true}}}
            """;
        var execution = await RunAsync(definition);

        AssertJson("""{"a":42,"l":"x","f":"42!"}""", Output(execution));
        var exited = Events(execution, "PassStateExited").First().Details!;
        Assert.Equal("42", exited["assignedVariables"]!["theAnswer"]!.GetValue<string>());
        Assert.Equal("\"x\"", exited["assignedVariables"]!["literal"]!.GetValue<string>());
    }

    [Fact]
    public async Task All_assignments_of_a_state_see_the_old_values()
    {
        const string definition = """
            {"StartAt":"A","States":{
              "A":{"Type":"Pass","Assign":{"x":1,"y":2},"Next":"B"},
              "B":{"Type":"Pass","Assign":{"x.$":"$y","y.$":"$x"},"Next":"C"},
              "C":{"Type":"Pass","Parameters":{"x.$":"$x","y.$":"$y"},"End":true}}}
            """;
        var execution = await RunAsync(definition);

        AssertJson("""{"x":2,"y":1}""", Output(execution));
    }

    [Fact]
    public async Task OutputPath_can_read_a_variable()
    {
        const string definition = """
            {"StartAt":"State0","States":{
              "State0":{"Type":"Pass","Result":{"answer":42},"Assign":{"theAnswer.$":"$.answer"},"Next":"State1"},
              "State1":{"Type":"Pass","OutputPath":"$theAnswer","End":true}}}
            """;
        var execution = await RunAsync(definition);

        AssertJson("42", Output(execution));
    }

    [Fact]
    public async Task Map_iterations_read_outer_variables_but_their_assignments_stay_inside()
    {
        const string definition = """
            {"StartAt":"Init","States":{
              "Init":{"Type":"Pass","Assign":{"bias":10,"seen":"outer"},"Result":[1,2],"Next":"M"},
              "M":{"Type":"Map","MaxConcurrency":1,"ItemProcessor":{"StartAt":"Inner","States":{
                "Inner":{"Type":"Pass","Assign":{"seen.$":"States.Format('inner {}', $)"},"Parameters":{"sum.$":"States.MathAdd($, $bias)"},"End":true}}},"Next":"After"},
              "After":{"Type":"Pass","Parameters":{"results.$":"$","seen.$":"$seen"},"End":true}}}
            """;
        var execution = await RunAsync(definition);

        AssertJson("""{"results":[{"sum":11},{"sum":12}],"seen":"outer"}""", Output(execution));
    }

    [Fact]
    public async Task Catch_Assign_reads_the_error_output()
    {
        const string definition = """
            {"StartAt":"P","States":{
              "P":{"Type":"Parallel","Branches":[{"StartAt":"F","States":{"F":{"Type":"Fail","Error":"E","Cause":"C"}}}],
                "Catch":[{"ErrorEquals":["States.ALL"],"Assign":{"lastError.$":"$.Error"},"ResultPath":null,"Next":"Report"}],"End":true},
              "Report":{"Type":"Pass","Parameters":{"error.$":"$lastError"},"End":true}}}
            """;
        var execution = await RunAsync(definition);

        AssertJson("""{"error":"E"}""", Output(execution));
    }

    [Fact]
    public async Task An_undefined_variable_fails_with_States_Runtime()
    {
        var execution = await RunAsync("""{"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"v.$":"$nope"},"End":true}}}""");

        Assert.Equal(ExecutionStatus.Failed, execution.Status);
        Assert.Equal("States.Runtime", execution.Error);
    }
}
