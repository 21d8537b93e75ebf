using System.Text.Json.Nodes;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Tests.Values;

public sealed class JsonataValueConversionTests
{
    [Theory]
    [InlineData("""{"qty":1.0,"big":1e2,"price":2.50,"huge":12345678901234567890,"tiny":-0.0}""")]
    [InlineData("""{"items":[{"n":1},null,[true,false,"é \" \\ \u0001"]],"none":null,"empty":{},"list":[]}""")]
    [InlineData("""[1.10,{"a":[[]]},"x"]""")]
    [InlineData("\"text\"")]
    [InlineData("3.000")]
    [InlineData("null")]
    public void Normalize_writes_what_a_round_trip_through_the_value_model_writes(string json)
    {
        var node = JsonNode.Parse(json);

        var roundTrip = JsonataValue.ToJsonNode(JsonataValue.FromJsonNode(node));
        var normalized = JsonataValue.Normalize(node);
        var fromMembers = JsonataValue.ToJsonNode(JsonataValue.FromJsonNode(MembersRead(JsonNode.Parse(json))));

        Assert.Equal(roundTrip?.ToJsonString() ?? "null", normalized?.ToJsonString() ?? "null");
        Assert.Equal(roundTrip?.ToJsonString() ?? "null", fromMembers?.ToJsonString() ?? "null");
    }

    [Fact]
    public void Normalize_builds_a_tree_of_its_own()
    {
        var node = JsonNode.Parse("""{"a":{"b":[1,{"c":2}]}}""")!;

        var normalized = JsonataValue.Normalize(node["a"])!;

        Assert.Null(normalized.Parent);
        Assert.NotSame(node["a"]!["b"], normalized["b"]);
        Assert.Equal("""{"b":[1,{"c":2}]}""", normalized.ToJsonString());
    }

    [Fact]
    public void An_object_leaves_out_undefined_values_and_keeps_the_order_of_the_others()
    {
        var map = new OrderedDictionary<string, object?>(StringComparer.Ordinal) { ["z"] = 1.0, ["gone"] = null, ["a"] = JsonNull.Value };

        Assert.Equal("""{"z":1,"a":null}""", JsonataValue.ToJsonNode(map)!.ToJsonString());
    }
    [Theory]
    [InlineData("""{"a":1,"b":"x","c":[true,null,{"d":-42}],"e":123456789012345}""", true)]
    [InlineData("""{"a":1.0}""", false)]
    [InlineData("""{"a":14.5}""", true)]
    [InlineData("""{"a":14.50}""", false)]
    [InlineData("""{"a":[0.1,-0.25]}""", true)]
    [InlineData("""[1.5E-7]""", false)]
    [InlineData("""[1e2]""", false)]
    [InlineData("""[1E+21]""", true)]
    [InlineData("""[1e400]""", false)]
    [InlineData("""{"a":1234567890123456}""", true)]
    [InlineData("""{"a":12345678901234567}""", false)]
    [InlineData("""{"a":-0}""", true)]
    public void A_parsed_value_is_normalized_when_its_numbers_are_written_as_their_doubles_write_them(string json, bool normalized)
    {
        var node = JsonNode.Parse(json);

        Assert.Equal(normalized, JsonataValue.IsNormalized(node));
        Assert.Equal(normalized, JsonataValue.IsNormalized(MembersRead(JsonNode.Parse(json))));
        if (normalized)
        {
            Assert.Equal(JsonataValue.ToJsonNode(JsonataValue.FromJsonNode(node))!.ToJsonString(), node!.ToJsonString());
        }
    }

    [Fact]
    public void A_parsed_number_counts_as_normalized_only_when_its_round_trip_writes_the_same_text()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 20_000; i++)
        {
            var text = RandomNumberText(random);
            var node = JsonNode.Parse(text);

            var roundTrip = JsonataValue.ToJsonNode(JsonataValue.FromJsonNode(node))!.ToJsonString();

            Assert.Equal(roundTrip == text, JsonataValue.IsNormalized(node));
        }
    }

    // Numbers of every shape: signs, leading and trailing zeros, up to 20 digits on each side, exponents.
    private static string RandomNumberText(Random random)
    {
        static string Digits(Random random, int count) =>
            string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));

        var sign = random.Next(4) == 0 ? "-" : "";
        var integer = random.Next(5) == 0 ? "0" : (char)('1' + random.Next(9)) + Digits(random, random.Next(20));
        var fraction = random.Next(2) == 0 ? "" : "." + (random.Next(3) == 0 ? new string('0', random.Next(6)) : "") + Digits(random, 1 + random.Next(20));
        var exponent = random.Next(6) == 0 ? "e" + random.Next(-30, 30) : "";
        return sign + integer + fraction + exponent;
    }

    // The node with the members of each object and array read (built), where a node only parsed keeps its text.
    private static JsonNode? MembersRead(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject jsonObject:
                for (var i = 0; i < jsonObject.Count; i++)
                {
                    MembersRead(jsonObject.GetAt(i).Value);
                }

                Assert.False(ParsedJson.TryGetElement(jsonObject, out _));
                break;
            case JsonArray jsonArray:
                for (var i = 0; i < jsonArray.Count; i++)
                {
                    MembersRead(jsonArray[i]);
                }

                Assert.False(ParsedJson.TryGetElement(jsonArray, out _));
                break;
        }

        return node;
    }

    [Fact]
    public void Converted_values_are_normalized_and_other_number_types_are_not()
    {
        var converted = JsonataValue.Normalize(JsonNode.Parse("""{"price":14.50,"items":[{"qty":1.0}],"ok":true}"""));

        Assert.True(JsonataValue.IsNormalized(converted));
        Assert.True(JsonataValue.IsNormalized(new JsonObject { ["count"] = 200, ["name"] = "n" }));
        Assert.False(JsonataValue.IsNormalized(new JsonObject { ["amount"] = 1.5m }));
        Assert.False(JsonataValue.IsNormalized(new JsonObject { ["big"] = long.MaxValue }));
    }
}
