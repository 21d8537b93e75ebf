using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Parsing;

namespace LongLivedTransactions.StatesLanguage.Tests.Parsing;

public sealed class StateFieldParsingTests
{
    private static State Single(string stateJson, string extraStates = "") =>
        StateMachineParser.Parse($$$"""{"StartAt":"S","States":{"S":{{{stateJson}}}{{{extraStates}}}}}""").States["S"];

    [Fact]
    public void Choice_rules_keep_operator_operand_and_path_forms()
    {
        var choice = (ChoiceState)Single(
            """{"Type":"Choice","Choices":[{"Variable":"$.a","NumericGreaterThanEqualsPath":"$.b","Next":"E"},{"Or":[{"Variable":"$$.State.Name","StringMatches":"S*"},{"Variable":"$v","IsPresent":true}],"Next":"E"}]}""",
            ""","E":{"Type":"Succeed"}""");

        var first = Assert.IsType<ComparisonRule>(choice.Choices[0]);
        Assert.Equal((ComparisonOperator.NumericGreaterThanEquals, "$.a", "$.b"), (first.Operator, first.Variable.Text, first.ValuePath!.Text));
        Assert.Null(first.Value);
        var or = Assert.IsType<OrRule>(choice.Choices[1]);
        var context = Assert.IsType<ComparisonRule>(or.Rules[0]);
        Assert.Equal(PathSource.Context, context.Variable.Source);
        var variable = Assert.IsType<ComparisonRule>(or.Rules[1]);
        Assert.Equal((PathSource.Variable, "v"), (variable.Variable.Source, variable.Variable.VariableName));
        Assert.Null(or.Rules[0].Next);
        Assert.Equal("E", or.Next);
    }

    [Fact]
    public void Map_fields_are_read()
    {
        var map = (MapState)Single("""
            {"Type":"Map","ItemsPath":"$.items","ItemSelector":{"v.$":"$$.Map.Item.Value"},"MaxConcurrency":4,
             "ToleratedFailureCount":2,"ToleratedFailurePercentage":12.5,"Label":"Orders",
             "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"STANDARD"},"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},
             "ResultSelector":{"n.$":"States.ArrayLength($)"},"ResultPath":"$.out","End":true}
            """);

        Assert.Equal(("$.items", 4, 2, 12.5, "Orders", "DISTRIBUTED"), (map.ItemsPath.Text, map.MaxConcurrency, map.ToleratedFailureCount, map.ToleratedFailurePercentage, map.Label, map.ProcessorMode));
        Assert.IsType<ObjectPayloadNode>(map.ItemSelector!.Root);
        Assert.Equal("$.out", ((JsonPathDataFlow)map.DataFlow).ResultPath.Path!.Text);
        Assert.Equal("I", map.ItemProcessor.StartAt);
    }

    [Fact]
    public void Wait_and_Fail_path_fields_are_read()
    {
        var wait = (WaitState)Single("""{"Type":"Wait","TimestampPath":"$.when","End":true}""");
        var fail = (FailState)Single("""{"Type":"Fail","ErrorPath":"$.e","CausePath":"States.Format('{}', $.c)"}""");

        Assert.Equal("$.when", wait.TimestampPath!.Text);
        Assert.Null(wait.Seconds);
        Assert.NotNull(fail.ErrorPath!.Path);
        Assert.NotNull(fail.CausePath!.Intrinsic);
    }

    [Fact]
    public void Templates_without_dynamic_fields_are_kept_as_one_literal()
    {
        var pass = (PassState)Single("""{"Type":"Pass","Parameters":{"a":{"b":[1,2]},"c":"$.not-a-path"},"End":true}""");
        var mixed = (PassState)Single("""{"Type":"Pass","Parameters":{"fixed":{"b":1},"list":[{"x.$":"$.x"}]},"End":true}""");

        Assert.IsType<LiteralPayloadNode>(((JsonPathDataFlow)pass.DataFlow).Parameters!.Root);
        var root = Assert.IsType<ObjectPayloadNode>(((JsonPathDataFlow)mixed.DataFlow).Parameters!.Root);
        Assert.IsType<LiteralPayloadNode>(root.Fields[0].Value);
        Assert.IsType<ArrayPayloadNode>(root.Fields[1].Value);
    }

    [Fact]
    public void Task_resources_are_split_as_the_history_reports_them()
    {
        Assert.Equal(new TaskResource(false, "lambda", "invoke"), TaskResource.Parse("arn:aws:states:::lambda:invoke"));
        Assert.Equal(new TaskResource(false, "sns", "publish"), TaskResource.Parse("arn:aws:states:::sns:publish"));
        Assert.Equal(new TaskResource(false, "aws-sdk:s3", "getObject"), TaskResource.Parse("arn:aws:states:::aws-sdk:s3:getObject"));
        Assert.True(TaskResource.Parse("arn:aws:lambda:us-east-1:111111111111:function:f").IsLambdaFunction);
    }
}
