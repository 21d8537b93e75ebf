using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Data;

namespace LongLivedTransactions.StatesLanguage.Tests.Data.JsonPath;

/// <summary>Writing a value at a reference path, as ResultPath does.</summary>
public sealed class ReferencePathWriteTests
{
    [Theory]
    [InlineData("""{"a":1}""", "$", "\"r\"", "\"r\"")]
    [InlineData("""{"a":1}""", "$.a", "\"r\"", """{"a":"r"}""")]
    [InlineData("""{"a":1}""", "$.b", "\"r\"", """{"a":1,"b":"r"}""")]
    [InlineData("""{"a":1}""", "$.x.y.z", "[1]", """{"a":1,"x":{"y":{"z":[1]}}}""")]
    [InlineData("""{"a":{"keep":true}}""", "$.a.b", "null", """{"a":{"keep":true,"b":null}}""")]
    [InlineData("""{"a":null}""", "$.a.b", "2", """{"a":{"b":2}}""")]
    [InlineData("""{"list":[{"v":1},{"v":2}]}""", "$.list[1].v", "9", """{"list":[{"v":1},{"v":9}]}""")]
    [InlineData("""{"list":[1,2]}""", "$.list[0]", "{\"n\":0}", """{"list":[{"n":0},2]}""")]
    [InlineData("""[1,2,3]""", "$[2]", "\"c\"", """[1,2,"c"]""")]
    [InlineData("""{"a b":{}}""", "$['a b']['c']", "1", """{"a b":{"c":1}}""")]
    public void Sets_the_value_creating_missing_objects(string document, string path, string value, string expected)
    {
        var result = JsonPathExpression.Parse(path).SetValue(JsonNode.Parse(document), JsonNode.Parse(value));

        Assert.Equal(expected, result?.ToJsonString() ?? "null");
    }

    [Theory]
    [InlineData("""{"a":"text"}""", "$.a.b", "Cannot write to '$.a.b': $['a'] is the value \"text\", not an object.")]
    [InlineData("""{"a":[1]}""", "$.a.b", "Cannot write to '$.a.b': $['a'] is an array, not an object.")]
    [InlineData("""{"a":[1]}""", "$.a[3]", "Cannot write to '$.a[3]': index 3 is out of bounds in $['a'] (length 1).")]
    [InlineData("\"text\"", "$.a", "Cannot write to '$.a': $ is the value \"text\", not an object.")]
    [InlineData("null", "$.a", "Cannot write to '$.a': $ is null, not an object.")]
    public void Fails_when_something_other_than_a_container_is_in_the_way(string document, string path, string expectedMessage)
    {
        var exception = Assert.Throws<JsonPathEvaluationException>(
            () => JsonPathExpression.Parse(path).SetValue(JsonNode.Parse(document), JsonValue.Create(1)));

        Assert.Equal(expectedMessage, exception.Message);
    }

    [Theory]
    [InlineData("$.a[*]")]
    [InlineData("$..a")]
    [InlineData("$.a[-1]")]
    [InlineData("$['a','b']")]
    [InlineData("$.a.length()")]
    public void Only_reference_paths_can_be_written(string path)
    {
        var expression = JsonPathExpression.Parse(path);

        Assert.False(expression.IsReferencePath);
        Assert.Throws<InvalidOperationException>(() => expression.SetValue(new JsonObject(), JsonValue.Create(1)));
    }

    [Fact]
    public void A_value_that_already_has_a_parent_is_copied()
    {
        var source = JsonNode.Parse("""{"inner":{"x":1}}""")!;
        var target = JsonNode.Parse("{}");

        var result = JsonPathExpression.Parse("$.copy").SetValue(target, source["inner"]);

        Assert.Equal("""{"copy":{"x":1}}""", result!.ToJsonString());
        Assert.Equal("""{"inner":{"x":1}}""", source.ToJsonString());
    }
}
