using LongLivedTransactions.StatesLanguage.Execution;
using static LongLivedTransactions.StatesLanguage.Tests.Support.EngineHarness;

namespace LongLivedTransactions.StatesLanguage.Tests.Engine;

public sealed class ChoiceStateTests
{
    private static string Machine(string rule) => $$$$"""
        {"StartAt":"C","States":{
          "C":{"Type":"Choice","Choices":[{{{{rule}}}}],"Default":"No"},
          "Yes":{"Type":"Pass","Result":"yes","End":true},
          "No":{"Type":"Pass","Result":"no","End":true}}}
        """;

    private static async Task<string> ChooseAsync(string condition, string input)
    {
        var execution = await RunAsync(Machine($$"""{{{condition}},"Next":"Yes"}"""), input);
        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        return Output(execution)!.GetValue<string>();
    }

    [Theory]
    [InlineData("\"Variable\":\"$.s\",\"StringEquals\":\"abc\"", "yes")]
    [InlineData("\"Variable\":\"$.s\",\"StringEquals\":\"abd\"", "no")]
    [InlineData("\"Variable\":\"$.s\",\"StringLessThan\":\"abd\"", "yes")]
    [InlineData("\"Variable\":\"$.s\",\"StringGreaterThan\":\"abb\"", "yes")]
    [InlineData("\"Variable\":\"$.s\",\"StringLessThanEquals\":\"abc\"", "yes")]
    [InlineData("\"Variable\":\"$.s\",\"StringGreaterThanEquals\":\"abd\"", "no")]
    [InlineData("\"Variable\":\"$.s\",\"StringMatches\":\"a*c\"", "yes")]
    [InlineData("\"Variable\":\"$.star\",\"StringMatches\":\"a\\\\*c\"", "yes")]
    [InlineData("\"Variable\":\"$.s\",\"StringMatches\":\"a\\\\*c\"", "no")]
    [InlineData("\"Variable\":\"$.n\",\"NumericEquals\":10", "yes")]
    [InlineData("\"Variable\":\"$.n\",\"NumericEquals\":10.0", "yes")]
    [InlineData("\"Variable\":\"$.n\",\"NumericLessThan\":10", "no")]
    [InlineData("\"Variable\":\"$.n\",\"NumericGreaterThan\":9.5", "yes")]
    [InlineData("\"Variable\":\"$.n\",\"NumericLessThanEquals\":10", "yes")]
    [InlineData("\"Variable\":\"$.n\",\"NumericGreaterThanEquals\":11", "no")]
    [InlineData("\"Variable\":\"$.s\",\"NumericEquals\":10", "no")]
    [InlineData("\"Variable\":\"$.b\",\"BooleanEquals\":true", "yes")]
    [InlineData("\"Variable\":\"$.t\",\"TimestampEquals\":\"2024-01-01T00:00:00Z\"", "yes")]
    [InlineData("\"Variable\":\"$.t\",\"TimestampLessThan\":\"2024-01-01T00:00:01+00:00\"", "yes")]
    [InlineData("\"Variable\":\"$.t\",\"TimestampGreaterThan\":\"2023-12-31T23:59:59Z\"", "yes")]
    [InlineData("\"Variable\":\"$.t\",\"TimestampLessThanEquals\":\"2023-12-31T23:59:59Z\"", "no")]
    [InlineData("\"Variable\":\"$.t\",\"TimestampGreaterThanEquals\":\"2024-01-01T00:00:00Z\"", "yes")]
    [InlineData("\"Variable\":\"$.n\",\"NumericEqualsPath\":\"$.same\"", "yes")]
    [InlineData("\"Variable\":\"$.s\",\"StringEqualsPath\":\"$.s\"", "yes")]
    [InlineData("\"Variable\":\"$.n\",\"NumericLessThanPath\":\"$.same\"", "no")]
    [InlineData("\"Variable\":\"$.t\",\"TimestampEqualsPath\":\"$.t\"", "yes")]
    [InlineData("\"Variable\":\"$.b\",\"BooleanEqualsPath\":\"$.b\"", "yes")]
    [InlineData("\"Variable\":\"$.s\",\"StringGreaterThanEqualsPath\":\"$.s\"", "yes")]
    [InlineData("\"Variable\":\"$.nothing\",\"IsNull\":true", "yes")]
    [InlineData("\"Variable\":\"$.n\",\"IsNull\":true", "no")]
    [InlineData("\"Variable\":\"$.missing\",\"IsPresent\":false", "yes")]
    [InlineData("\"Variable\":\"$.n\",\"IsPresent\":true", "yes")]
    [InlineData("\"Variable\":\"$.n\",\"IsNumeric\":true", "yes")]
    [InlineData("\"Variable\":\"$.s\",\"IsNumeric\":false", "yes")]
    [InlineData("\"Variable\":\"$.s\",\"IsString\":true", "yes")]
    [InlineData("\"Variable\":\"$.b\",\"IsBoolean\":true", "yes")]
    [InlineData("\"Variable\":\"$.t\",\"IsTimestamp\":true", "yes")]
    [InlineData("\"Variable\":\"$.s\",\"IsTimestamp\":true", "no")]
    [InlineData("\"And\":[{\"Variable\":\"$.n\",\"NumericEquals\":10},{\"Variable\":\"$.s\",\"StringEquals\":\"abc\"}]", "yes")]
    [InlineData("\"And\":[{\"Variable\":\"$.n\",\"NumericEquals\":10},{\"Variable\":\"$.s\",\"StringEquals\":\"x\"}]", "no")]
    [InlineData("\"Or\":[{\"Variable\":\"$.n\",\"NumericEquals\":1},{\"Variable\":\"$.s\",\"StringEquals\":\"abc\"}]", "yes")]
    [InlineData("\"Not\":{\"Variable\":\"$.s\",\"StringEquals\":\"abc\"}", "no")]
    public async Task Operators_compare_as_the_States_Language_defines(string condition, string expected)
    {
        const string input = """{"s":"abc","star":"a*c","n":10,"same":10,"b":true,"t":"2024-01-01T00:00:00Z","nothing":null}""";

        Assert.Equal(expected, await ChooseAsync(condition, input));
    }

    [Fact]
    public async Task Without_a_match_or_Default_the_execution_fails_with_NoChoiceMatched()
    {
        const string definition = """
            {"StartAt":"C","States":{
              "C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":1,"Next":"Done"}]},
              "Done":{"Type":"Succeed"}}}
            """;
        var execution = await RunAsync(definition, """{"n":2}""");

        Assert.Equal(ExecutionStatus.Failed, execution.Status);
        Assert.Equal("States.NoChoiceMatched", execution.Error);
    }

    [Fact]
    public async Task Choice_applies_InputPath_and_OutputPath_and_records_its_events()
    {
        const string definition = """
            {"StartAt":"C","States":{
              "C":{"Type":"Choice","InputPath":"$.inner","OutputPath":"$.v","Choices":[{"Variable":"$.v","IsPresent":true,"Next":"Done"}]},
              "Done":{"Type":"Succeed"}}}
            """;
        var execution = await RunAsync(definition, """{"inner":{"v":5}}""");

        AssertJson("5", Output(execution));
        Assert.Equal(
            ["1 0 ExecutionStarted", "2 0 ChoiceStateEntered", "3 2 ChoiceStateExited", "4 3 SucceedStateEntered", "5 4 SucceedStateExited", "6 5 ExecutionSucceeded"],
            Outline(execution));
    }
}
