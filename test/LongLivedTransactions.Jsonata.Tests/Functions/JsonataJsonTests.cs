using LongLivedTransactions.Jsonata.Functions;
using LongLivedTransactions.Jsonata.Values;
using static LongLivedTransactions.Jsonata.Tests.Functions.Values;

namespace LongLivedTransactions.Jsonata.Tests.Functions;

public sealed class JsonataJsonTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    [InlineData(4.35, "4.35")]
    [InlineData(100.0, "100")]
    public void Formats_numbers_as_JavaScript(double value, string expected)
    {
        Assert.Equal(expected, JsonataJson.FormatNumber(value));
    }

    [Fact]
    public void Negative_zero_is_zero()
    {
        Assert.Equal("0", JsonataJson.FormatNumber(-0.0));
    }

    [Fact]
    public void Rounds_numbers_to_15_significant_digits()
    {
        Assert.Equal("[0.3,123456789012346000,1e+21]", JsonataJson.Stringify(Array(0.1 + 0.2, 123456789012345678.0, 1e21)));
    }

    [Theory]
    [InlineData(722858914259834.5, "722858914259835")]
    [InlineData(7819720018680565.0, "7819720018680570")]
    [InlineData(-30808696747241.25, "-30808696747241.3")]
    [InlineData(0.1 + 0.2, "0.3")]
    public void Rounds_exact_ties_up_as_toPrecision_does(double value, string expected)
    {
        Assert.Equal(expected, JsonataJson.FormatNumber(JsonataJson.RoundForOutput(value)));
    }

    [Fact]
    public void Casts_to_string_as_the_string_function()
    {
        Assert.Equal("abc", JsonataJson.ToJsonataString("abc"));
        Assert.Equal(string.Empty, JsonataJson.ToJsonataString(new NativeFunction("f", null, 0, (_, _) => null)));
        Assert.Equal("90.57", JsonataJson.ToJsonataString(90.57000000000001));
        Assert.Null(JsonataJson.ToJsonataString(null));
        Assert.Equal("D3001", Assert.Throws<JsonataException>(() => JsonataJson.ToJsonataString(double.NaN)).Code);
    }

    [Fact]
    public void Leaves_out_undefined_members_and_writes_functions_as_empty_strings()
    {
        var map = new OrderedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["a"] = new NativeFunction("f", null, 0, (_, _) => null),
            ["b"] = Array(1.0, null, JsonNull.Value),
            ["c"] = null,
        };
        Assert.Equal("{\"a\":\"\",\"b\":[1,null,null]}", JsonataJson.Stringify(map));
    }

    [Fact]
    public void Pretty_prints_with_two_spaces()
    {
        var value = Json("{\"a\":{\"b\":[]},\"c\":{},\"d\":[1,\"x\"]}");
        Assert.Equal("{\n  \"a\": {\n    \"b\": []\n  },\n  \"c\": {},\n  \"d\": [\n    1,\n    \"x\"\n  ]\n}", JsonataJson.Stringify(value, pretty: true));
    }

    [Fact]
    public void Escapes_strings_as_JSON_stringify()
    {
        Assert.Equal("\"\\u0001\\\"\\\\\\n\u2028\u007f\\ud83d\u00e9\"", JsonataJson.Stringify("\u0001\"\\\n\u2028\u007f\ud83d\u00e9"));
    }

    [Fact]
    public void Undefined_has_no_text()
    {
        Assert.Null(JsonataJson.Stringify(null));
    }

    [Fact]
    public void Infinity_inside_a_structure_is_D1001()
    {
        Assert.Equal("D1001", Assert.Throws<JsonataException>(() => JsonataJson.Stringify(Array(double.PositiveInfinity))).Code);
    }

    [Fact]
    public void Outer_wrapper_stands_for_its_item()
    {
        var wrapper = new JsonataArray { Array(1.0, 2.0) };
        wrapper.IsSequence = true;
        wrapper.IsOuterWrapper = true;
        Assert.Equal("[1,2]", JsonataJson.Stringify(wrapper));
    }
}
