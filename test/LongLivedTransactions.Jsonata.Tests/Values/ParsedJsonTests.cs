using System.Text.Json.Nodes;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Tests.Values;

public sealed class ParsedJsonTests
{
    [Fact]
    public void A_parsed_object_or_array_gives_its_element_until_a_member_is_read()
    {
        var parsedObject = JsonNode.Parse("""{"a":[1,2],"b":"x"}""")!.AsObject();
        var parsedArray = JsonNode.Parse("""[{"a":1},2]""")!.AsArray();

        Assert.True(ParsedJson.TryGetElement(parsedObject, out var objectElement));
        Assert.Equal("""{"a":[1,2],"b":"x"}""", objectElement.GetRawText());
        Assert.True(ParsedJson.TryGetElement(parsedArray, out var arrayElement));
        Assert.Equal(2, arrayElement.GetArrayLength());

        _ = parsedObject["b"];
        _ = parsedArray.Count;

        Assert.False(ParsedJson.TryGetElement(parsedObject, out _));
        Assert.False(ParsedJson.TryGetElement(parsedArray, out _));
        Assert.True(ParsedJson.TryGetElement(parsedObject["a"], out var inner));
        Assert.Equal("[1,2]", inner.GetRawText());
    }

    [Fact]
    public void A_changed_parsed_object_no_longer_gives_its_element()
    {
        var parsed = JsonNode.Parse("""{"a":1}""")!.AsObject();

        parsed["b"] = 2;

        Assert.False(ParsedJson.TryGetElement(parsed, out _));
    }

    [Fact]
    public void Parsed_values_give_their_element_and_built_nodes_none()
    {
        Assert.True(ParsedJson.TryGetElement(JsonNode.Parse("14.50"), out var number));
        Assert.Equal("14.50", number.GetRawText());

        Assert.False(ParsedJson.TryGetElement(null, out _));
        Assert.False(ParsedJson.TryGetElement(new JsonObject { ["a"] = 1 }, out _));
        Assert.False(ParsedJson.TryGetElement(new JsonArray(1, 2), out _));
        Assert.False(ParsedJson.TryGetElement(JsonValue.Create(14.5), out _));
    }
}
