using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.Tests.Support;
using static LongLivedTransactions.StatesLanguage.Tests.Support.EngineHarness;

namespace LongLivedTransactions.StatesLanguage.Tests.Engine;

/// <summary>Fields working together on the states that accept them.</summary>
public sealed class FieldCombinationTests
{
    [Fact]
    public async Task Parallel_applies_Parameters_ResultSelector_ResultPath_and_OutputPath()
    {
        const string definition = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","InputPath":"$.in","Parameters":{"v.$":"$.value"},
              "Branches":[
                {"StartAt":"A","States":{"A":{"Type":"Pass","OutputPath":"$.v","End":true}}},
                {"StartAt":"B","States":{"B":{"Type":"Pass","Parameters":{"double.$":"States.MathAdd($.v, $.v)"},"End":true}}}],
              "ResultSelector":{"first.$":"$[0]","second.$":"$[1].double"},"ResultPath":"$.out","OutputPath":"$.out","End":true}}}
            """;
        var execution = await RunAsync(definition, """{"in":{"value":21}}""");

        AssertJson("""{"first":21,"second":42}""", Output(execution));
    }

    [Fact]
    public async Task Parallel_branches_read_outer_variables_and_keep_their_own()
    {
        const string definition = """
            {"StartAt":"Init","States":{
              "Init":{"Type":"Pass","Assign":{"shared":"outer"},"Next":"P"},
              "P":{"Type":"Parallel","Branches":[
                {"StartAt":"A","States":{"A":{"Type":"Pass","Assign":{"local":"a"},"Next":"A2"},"A2":{"Type":"Pass","Parameters":{"s.$":"$shared","l.$":"$local"},"End":true}}},
                {"StartAt":"B","States":{"B":{"Type":"Pass","Assign":{"local":"b"},"Next":"B2"},"B2":{"Type":"Pass","Parameters":{"s.$":"$shared","l.$":"$local"},"End":true}}}],
                "Next":"After"},
              "After":{"Type":"Pass","Parameters":{"branches.$":"$","shared.$":"$shared"},"End":true}}}
            """;
        var execution = await RunAsync(definition);

        AssertJson("""{"branches":[{"s":"outer","l":"a"},{"s":"outer","l":"b"}],"shared":"outer"}""", Output(execution));
    }

    [Fact]
    public async Task Map_places_its_result_with_ResultPath()
    {
        const string definition = """
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","ResultPath":"$.doubled",
              "ItemProcessor":{"StartAt":"D","States":{"D":{"Type":"Pass","Parameters":{"v.$":"States.MathAdd($, $)"},"OutputPath":"$.v","End":true}}},"End":true}}}
            """;
        var execution = await RunAsync(definition, """{"items":[1,2,3]}""");

        AssertJson("""{"items":[1,2,3],"doubled":[2,4,6]}""", Output(execution));
    }

    [Fact]
    public async Task An_ItemsPath_that_is_not_an_array_fails_with_States_Runtime()
    {
        const string definition = """
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.items","ItemProcessor":{"StartAt":"D","States":{"D":{"Type":"Pass","End":true}}},"End":true}}}
            """;
        var execution = await RunAsync(definition, """{"items":{"not":"an array"}}""");

        Assert.Equal("States.Runtime", execution.Error);
    }

    [Fact]
    public async Task Choice_rules_and_Wait_states_assign_variables()
    {
        const string definition = """
            {"StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Assign":{"picked":"big"},"Next":"W"}],"Default":"W"},
              "W":{"Type":"Wait","Seconds":1,"Assign":{"waited.$":"$.n"},"Next":"R"},
              "R":{"Type":"Pass","Parameters":{"picked.$":"$picked","waited.$":"$waited"},"End":true}}}
            """;
        var execution = await RunAsync(definition, """{"n":5}""");

        AssertJson("""{"picked":"big","waited":5}""", Output(execution));
    }

    [Fact]
    public async Task Task_Assign_reads_the_selected_result_and_Parameters_read_variables()
    {
        const string definition = """
            {"StartAt":"Init","States":{
              "Init":{"Type":"Pass","Assign":{"fn":"ProcessOrder"},"Next":"T"},
              "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName.$":"$fn","Payload.$":"$"},
                "ResultSelector":{"id.$":"$.Payload.id"},"Assign":{"orderId.$":"$.id"},"ResultPath":null,"Next":"R"},
              "R":{"Type":"Pass","Parameters":{"orderId.$":"$orderId","input.$":"$"},"End":true}}}
            """;
        var invoker = ScriptedTaskInvoker.Returning("arn:aws:states:::lambda:invoke", i => new JsonObject { ["Payload"] = new JsonObject { ["id"] = "o-7" } });

        var execution = await RunAsync(definition, """{"x":1}""", [invoker]);

        AssertJson("""{"orderId":"o-7","input":{"x":1}}""", Output(execution));
        Assert.Equal("ProcessOrder", invoker.Calls.Single().Parameters!["FunctionName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Retry_count_of_each_retrier_is_separate_and_a_matching_exhausted_retrier_stops_retrying()
    {
        const string definition = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
              "Retry":[{"ErrorEquals":["A"],"MaxAttempts":1,"IntervalSeconds":1},{"ErrorEquals":["States.ALL"],"MaxAttempts":5,"IntervalSeconds":1}],"End":true}}}
            """;
        // Fails with A, then A again: the first retrier matches and is exhausted, so States.ALL is not consulted.
        var invoker = new ScriptedTaskInvoker("arn:aws:states:::lambda:invoke", (_, _) => throw new LongLivedTransactions.StatesLanguage.Tasks.TaskFailedException("A", "always"));

        var execution = await RunAsync(definition, "{}", [invoker]);

        Assert.Equal(ExecutionStatus.Failed, execution.Status);
        Assert.Equal(2, invoker.Calls.Count);
    }

    [Fact]
    public async Task The_context_object_reports_the_retry_count_to_Parameters()
    {
        const string definition = """
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
              "Parameters":{"retry.$":"$$.State.RetryCount"},"Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2}],"End":true}}}
            """;
        var invoker = new ScriptedTaskInvoker("arn:aws:states:::lambda:invoke", (i, _) => i.Attempt < 2
            ? throw new LongLivedTransactions.StatesLanguage.Tasks.TaskFailedException("E", null)
            : Task.FromResult(i.Parameters?.DeepClone()));

        var execution = await RunAsync(definition, "{}", [invoker]);

        Assert.Equal([0, 1, 2], invoker.Calls.Select(c => c.Parameters!["retry"]!.GetValue<int>()));
        AssertJson("""{"retry":2}""", Output(execution));
    }
}
