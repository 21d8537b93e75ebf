using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tests.Support;
using static LongLivedTransactions.StatesLanguage.Tests.Support.EngineHarness;

namespace LongLivedTransactions.StatesLanguage.Tests.Engine;

public sealed class ParallelAndMapTests
{
    [Fact]
    public async Task Parallel_outputs_the_array_of_branch_outputs_in_branch_order()
    {
        const string definition = """
            {"StartAt":"P","States":{"P":{"Type":"Parallel","ResultPath":"$.results","End":true,"Branches":[
              {"StartAt":"Slow","States":{"Slow":{"Type":"Wait","Seconds":5,"Next":"A"},"A":{"Type":"Pass","Result":"a","End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Pass","InputPath":"$.v","End":true}}}]}}}
            """;
        var execution = await RunAsync(definition, """{"v":2}""");

        AssertJson("""{"v":2,"results":["a",2]}""", Output(execution));
        var types = Outline(execution);
        Assert.Equal(["1 0 ExecutionStarted", "2 0 ParallelStateEntered", "3 2 ParallelStateStarted"], types[..3]);
        Assert.Contains(execution.GetHistory(), e => e.Type == "ParallelStateSucceeded");
        Assert.EndsWith("ExecutionSucceeded", types[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_branch_fails_the_Parallel_state_and_can_be_caught()
    {
        const string definition = """
            {"StartAt":"P","States":{
              "P":{"Type":"Parallel","Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.err","Next":"Handled"}],"End":true,"Branches":[
                {"StartAt":"Wait","States":{"Wait":{"Type":"Wait","Seconds":1000,"End":true}}},
                {"StartAt":"Boom","States":{"Boom":{"Type":"Fail","Error":"BranchError","Cause":"bad"}}}]},
              "Handled":{"Type":"Pass","End":true}}}
            """;
        var execution = await RunAsync(definition);

        AssertJson("""{"err":{"Error":"BranchError","Cause":"bad"}}""", Output(execution));
        Assert.Contains(execution.GetHistory(), e => e.Type == "ParallelStateFailed");
        Assert.DoesNotContain(execution.GetHistory(), e => e.Type == "WaitStateExited");
    }

    [Fact]
    public async Task Inline_Map_numbers_its_events_as_AWS_does()
    {
        // The same machine and expected numbering as the AWS recording "BASE_SCOPE_MAP".
        const string definition = """
            {"StartAt":"State0","States":{
              "State0":{"Type":"Pass","Assign":{"x":42,"items":[1,2,3]},"Next":"State1"},
              "State1":{"Type":"Map","ItemsPath":"$items","MaxConcurrency":1,"ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},
                "StartAt":"Inner","States":{"Inner":{"Type":"Pass","Assign":{"innerX.$":"$x"},"End":true}}},"Next":"State2"},
              "State2":{"Type":"Pass","Assign":{"final.$":"$x"},"End":true}}}
            """;
        var execution = await RunAsync(definition, """{"input_value":"input_value_literal"}""");

        AssertJson("[1,2,3]", Output(execution));
        Assert.Equal(
            [
                "1 0 ExecutionStarted", "2 0 PassStateEntered", "3 2 PassStateExited", "4 3 MapStateEntered", "5 4 MapStateStarted",
                "6 5 MapIterationStarted", "7 6 PassStateEntered", "8 7 PassStateExited", "9 8 MapIterationSucceeded",
                "10 8 MapIterationStarted", "11 10 PassStateEntered", "12 11 PassStateExited", "13 12 MapIterationSucceeded",
                "14 12 MapIterationStarted", "15 14 PassStateEntered", "16 15 PassStateExited", "17 16 MapIterationSucceeded",
                "18 17 MapStateSucceeded", "19 17 MapStateExited", "20 19 PassStateEntered", "21 20 PassStateExited", "22 21 ExecutionSucceeded",
            ],
            Outline(execution));
        var exited = execution.GetHistory()[2].Details!;
        Assert.Equal("42", exited["assignedVariables"]!["x"]!.GetValue<string>());
        Assert.Equal("[1,2,3]", exited["assignedVariables"]!["items"]!.GetValue<string>());
        Assert.Equal(3, execution.GetHistory()[4].Details!["length"]!.GetValue<int>());
    }

    [Fact]
    public async Task ItemSelector_sees_the_Map_item_in_the_context_object()
    {
        const string definition = """
            {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.list","MaxConcurrency":0,
              "ItemSelector":{"index.$":"$$.Map.Item.Index","value.$":"$$.Map.Item.Value","shared.$":"$.shared"},
              "ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}
            """;
        var execution = await RunAsync(definition, """{"list":["a","b","c"],"shared":1}""");

        AssertJson(
            """[{"index":0,"value":"a","shared":1},{"index":1,"value":"b","shared":1},{"index":2,"value":"c","shared":1}]""",
            Output(execution));
    }

    [Fact]
    public async Task Legacy_Iterator_and_Parameters_still_work()
    {
        const string definition = """
            {"StartAt":"M","States":{"M":{"Type":"Map","Parameters":{"v.$":"$$.Map.Item.Value"},
              "Iterator":{"StartAt":"I","States":{"I":{"Type":"Pass","OutputPath":"$.v","End":true}}},
              "ResultSelector":{"count.$":"States.ArrayLength($)"},"End":true}}}
            """;
        var execution = await RunAsync(definition, "[5,6]");

        AssertJson("""{"count":2}""", Output(execution));
    }

    [Fact]
    public async Task MaxConcurrency_limits_parallel_iterations()
    {
        var running = 0;
        var peak = 0;
        var invoker = new ScriptedTaskInvoker("arn:aws:states:::lambda:invoke", async (invocation, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Delay(20, ct);
            Interlocked.Decrement(ref running);
            return invocation.Parameters?.DeepClone();
        });
        const string definition = """
            {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":2,
              "ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}}},"End":true}}}
            """;

        var execution = await RunAsync(definition, "[1,2,3,4,5,6]", [invoker]);

        AssertJson("[1,2,3,4,5,6]", Output(execution));
        Assert.InRange(peak, 1, 2);
    }

    [Fact]
    public async Task A_failing_iteration_fails_the_Map_unless_tolerated()
    {
        const string processor = """
            "ItemProcessor":{"StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"Boom"}],"Default":"Ok"},
              "Boom":{"Type":"Fail","Error":"ItemError","Cause":"item 2"},"Ok":{"Type":"Pass","End":true}}}
            """;
        var strict = await RunAsync($$$$"""{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,{{{{processor}}}},"End":true}}}""", "[1,2,3]");
        Assert.Equal("ItemError", strict.Error);
        Assert.Contains(strict.GetHistory(), e => e.Type == "MapIterationFailed");
        Assert.Contains(strict.GetHistory(), e => e.Type == "MapStateFailed");

        var tolerant = await RunAsync(
            $$$$"""{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"ToleratedFailureCount":1,{{{{processor}}}},"End":true}}}""", "[1,2,3]");
        Assert.Equal(ExecutionStatus.Succeeded, tolerant.Status);
        AssertJson("""[1,{"Error":"ItemError","Cause":"item 2"},3]""", Output(tolerant));

        var exceeded = await RunAsync(
            $$$$"""{"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,"ToleratedFailurePercentage":10,{{{{processor}}}},"End":true}}}""", "[1,2,3]");
        Assert.Equal("States.ExceedToleratedFailureThreshold", exceeded.Error);
    }

    [Fact]
    public async Task Map_retry_runs_the_whole_map_again()
    {
        const string definition = """
            {"StartAt":"MapState","States":{"MapState":{"Type":"Map","MaxConcurrency":1,
              "ItemProcessor":{"ProcessorConfig":{"Mode":"INLINE"},"StartAt":"HandleItemFail","States":{"HandleItemFail":{"Type":"Fail","Error":"HandleItemFailError","Cause":"HandleItemFailCause"}}},
              "Retry":[{"ErrorEquals":["HandleItemFailError"],"MaxAttempts":2}],"End":true}}}
            """;
        var execution = await RunAsync(definition, "[1]");

        Assert.Equal("HandleItemFailError", execution.Error);
        Assert.Equal(
            [
                "1 0 ExecutionStarted", "2 0 MapStateEntered", "3 2 MapStateStarted", "4 3 MapIterationStarted", "5 4 FailStateEntered", "6 5 MapIterationFailed",
                "7 5 MapStateStarted", "8 7 MapIterationStarted", "9 8 FailStateEntered", "10 9 MapIterationFailed",
                "11 9 MapStateStarted", "12 11 MapIterationStarted", "13 12 FailStateEntered", "14 13 MapIterationFailed",
                "15 13 MapStateFailed", "16 15 ExecutionFailed",
            ],
            Outline(execution));
    }

    [Fact]
    public async Task Distributed_Map_records_a_map_run_instead_of_iterations()
    {
        const string definition = """
            {"StartAt":"MapState","States":{"MapState":{"Type":"Map","MaxConcurrency":1,
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"HandleItem","States":{"HandleItem":{"Type":"Pass","End":true}}},"End":true}}}
            """;
        var execution = await RunAsync(definition, "[1,2,3]");

        AssertJson("[1,2,3]", Output(execution));
        Assert.Equal(
            ["1 0 ExecutionStarted", "2 0 MapStateEntered", "3 2 MapStateStarted", "4 3 MapRunStarted", "5 4 MapRunSucceeded", "6 5 MapStateSucceeded", "7 5 MapStateExited", "8 7 ExecutionSucceeded"],
            Outline(execution));
    }

    [Fact]
    public async Task Bad_tolerance_paths_fail_with_the_AWS_cause()
    {
        const string definition = """
            {"StartAt":"MapState","States":{"MapState":{"Type":"Map","ItemsPath":"$.Items","MaxConcurrency":1,
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"HandleItem","States":{"HandleItem":{"Type":"Pass","End":true}}},
              "ToleratedFailureCountPath":"$.ToleratedFailureCount","End":true}}}
            """;
        var negative = await RunAsync(definition, """{"Items":[0],"ToleratedFailureCount":-1}""");
        Assert.Equal("An error occurred while executing the state 'MapState' (entered at the event id #2). ToleratedFailureCount cannot be negative.", negative.Cause);
        Assert.Equal(["1 0 ExecutionStarted", "2 0 MapStateEntered", "3 2 MapStateStarted", "4 3 ExecutionFailed"], Outline(negative));

        var text = await RunAsync(definition, """{"Items":[0],"ToleratedFailureCount":"NoNumber"}""");
        Assert.Equal(
            "An error occurred while executing the state 'MapState' (entered at the event id #2). The ToleratedFailureCountPath field refers to value \"NoNumber\" which is not a valid integer: $.ToleratedFailureCount",
            text.Cause);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        do
        {
            current = Volatile.Read(ref target);
            if (value <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref target, value, current) != current);
    }
}
