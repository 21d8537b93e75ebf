using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Parsing;

namespace LongLivedTransactions.StatesLanguage.Tests.Parsing;

public sealed class StateMachineParserTests
{
    [Fact]
    public void Json_becomes_one_typed_class_per_state_type()
    {
        var definition = StateMachineParser.Parse("""
            {"Comment":"c","TimeoutSeconds":30,"StartAt":"P","States":{
              "P":{"Type":"Pass","Next":"T"},
              "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":5,
                   "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":2,"MaxAttempts":0,"BackoffRate":1.5,"MaxDelaySeconds":9,"JitterStrategy":"FULL"}],
                   "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.e","Next":"F"}],"Next":"C"},
              "C":{"Type":"Choice","Choices":[{"Not":{"Variable":"$.x","IsNull":true},"Next":"W"}],"Default":"S"},
              "W":{"Type":"Wait","Seconds":1,"Next":"Par"},
              "Par":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}],"Next":"M"},
              "M":{"Type":"Map","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"Next":"S"},
              "S":{"Type":"Succeed"},
              "F":{"Type":"Fail","Error":"E"}}}
            """);

        Assert.Equal("P", definition.StartAt);
        Assert.Equal(30, definition.TimeoutSeconds);
        Assert.Equal("JSONPath", definition.QueryLanguage);
        Assert.IsType<PassState>(definition.States["P"]);
        var task = Assert.IsType<TaskState>(definition.States["T"]);
        Assert.Equal(5, task.TimeoutSeconds);
        var retrier = Assert.Single(task.ErrorHandling.Retriers);
        Assert.Equal("States.ALL", Assert.Single(retrier.ErrorEquals));
        Assert.Equal((2.0, 0, 1.5, 9, JitterStrategy.Full), (retrier.IntervalSeconds, retrier.MaxAttempts, retrier.BackoffRate, retrier.MaxDelaySeconds, retrier.JitterStrategy));
        Assert.Equal("F", Assert.Single(task.ErrorHandling.Catchers).Next);
        var choice = Assert.IsType<ChoiceState>(definition.States["C"]);
        Assert.IsType<NotRule>(Assert.Single(choice.Choices));
        Assert.Equal("S", choice.Default);
        Assert.Equal(1, Assert.IsType<WaitState>(definition.States["W"]).Seconds);
        Assert.Single(Assert.IsType<ParallelState>(definition.States["Par"]).Branches);
        Assert.Equal("INLINE", Assert.IsType<MapState>(definition.States["M"]).ProcessorMode);
        Assert.IsType<SucceedState>(definition.States["S"]);
        Assert.Equal("E", Assert.IsType<FailState>(definition.States["F"]).Error);
    }

    [Fact]
    public void Yaml_is_read_with_YAML_types()
    {
        var definition = StateMachineParser.Parse("""
            Comment: An order saga
            StartAt: Wait
            States:
              Wait:
                Type: Wait
                Seconds: 3
                Next: Task
              Task:
                Type: Task
                Resource: "arn:aws:states:::lambda:invoke"
                Parameters:
                  FunctionName: fn
                  Payload.$: $
                  Flag: true
                  Quoted: "42"
                Retry:
                  - ErrorEquals: [ "States.ALL" ]
                    BackoffRate: 1.5
                End: true
            """);

        Assert.Equal(3, Assert.IsType<WaitState>(definition.States["Wait"]).Seconds);
        var task = Assert.IsType<TaskState>(definition.States["Task"]);
        Assert.Equal(1.5, task.ErrorHandling.Retriers[0].BackoffRate);
        var parameters = Assert.IsType<ObjectPayloadNode>(((JsonPathDataFlow)task.DataFlow).Parameters!.Root);
        var flag = Assert.IsType<LiteralPayloadNode>(parameters.Fields.Single(f => f.Key == "Flag").Value);
        Assert.True(flag.Value!.GetValue<bool>());
        var quoted = Assert.IsType<LiteralPayloadNode>(parameters.Fields.Single(f => f.Key == "Quoted").Value);
        Assert.Equal("42", quoted.Value!.GetValue<string>());
        Assert.IsType<DynamicPayloadNode>(parameters.Fields.Single(f => f.Key == "Payload").Value);
    }

    [Fact]
    public void Defaults_follow_the_States_Language()
    {
        var definition = StateMachineParser.Parse("""
            {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":["X"]}],"End":true}}}
            """);

        var task = (TaskState)definition.States["T"];
        Assert.True(((JsonPathDataFlow)task.DataFlow).ResultPath.IsRoot);
        Assert.True(((JsonPathDataFlow)task.DataFlow).InputPath!.IsRoot);
        var retrier = task.ErrorHandling.Retriers[0];
        Assert.Equal((1.0, 3, 2.0, JitterStrategy.None), (retrier.IntervalSeconds, retrier.MaxAttempts, retrier.BackoffRate, retrier.JitterStrategy));
        Assert.Null(retrier.MaxDelaySeconds);
    }
}
