using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Comparison;

public sealed class JsonMatcherTests
{
    private static bool Matches(string expected, string actual, params string[] tokens) =>
        new JsonMatcher(tokens).Matches(JsonNode.Parse(expected), JsonNode.Parse(actual));

    [Theory]
    [InlineData("""{"a":1,"b":[1,2]}""", """{"b":[1,2],"a":1}""")]
    [InlineData("1.5", "1.50")]
    [InlineData("1e3", "1000.0")]
    [InlineData("\"<uuid:1>\"", "\"<uuid:2>\"")]
    [InlineData("\"could not be found in the input '<json-input:1>'\"", "\"could not be found in the input '<json-input:3>'\"")]
    [InlineData("\"[1,2]\"", "\"[1, 2]\"")]
    [InlineData("null", "null")]
    public void Matches_equal_values(string expected, string actual) => Assert.True(Matches(expected, actual));

    [Theory]
    [InlineData("""{"a":1}""", """{"a":1,"b":2}""")]
    [InlineData("1", "1.0")]
    [InlineData("2", "3")]
    [InlineData("[1,2]", "[2,1]")]
    [InlineData("\"1\"", "1")]
    [InlineData("true", "false")]
    [InlineData("null", "{}")]
    [InlineData("\"abc\"", "\"abd\"")]
    public void Reports_different_values(string expected, string actual) => Assert.False(Matches(expected, actual));

    [Fact]
    public void Tokens_of_values_computed_at_test_time_match_any_text()
    {
        Assert.True(Matches("\"id generated-uuid\"", "\"id 5b6c\"", "generated-uuid"));
        Assert.False(Matches("\"id generated-uuid\"", "\"key 5b6c\"", "generated-uuid"));
    }

    [Fact]
    public void Describes_the_first_difference_with_its_path()
    {
        var difference = JsonMatcher.Strict.FindDifference(JsonNode.Parse("""{"a":{"b":[1,2]}}"""), JsonNode.Parse("""{"a":{"b":[1,3]}}"""));

        Assert.Equal("$.a.b[1]: expected 2, actual 3", difference);
    }
}
