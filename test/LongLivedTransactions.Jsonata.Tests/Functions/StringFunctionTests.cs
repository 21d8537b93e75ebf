using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Tests.Functions;

/// <summary>Cases the reference file cannot hold (lone surrogates) and a few that document jsonata-js quirks.</summary>
public sealed class StringFunctionTests
{
    [Fact]
    public void Lone_surrogates_count_as_one_character()
    {
        Assert.Equal(1.0, TestCallContext.Call("length", "\ud83d"));
        Assert.Equal(2.0, TestCallContext.Call("length", "\ud83d\ud83d\udca9"));
        Assert.Equal("\udca9", TestCallContext.Call("substring", "\udca9\ud83d\udca9", 0.0, 1.0));
    }

    [Fact]
    public void Split_on_empty_string_splits_code_units()
    {
        Assert.Equal("[\"a\",\"\\ud83d\",\"\\udca9\",\"b\"]", Values.Exact(TestCallContext.Call("split", "a\ud83d\udca9b", string.Empty)));
    }

    [Fact]
    public void Encoding_a_lone_surrogate_is_D3140()
    {
        var error = Assert.Throws<JsonataException>(() => TestCallContext.Call("encodeUrlComponent", "\ud83d"));
        Assert.Equal("D3140", error.Code);
        Assert.Equal("Malformed URL passed to $encodeUrlComponent(): \"\\ud83d\"", error.Message);
    }

    [Fact]
    public void Case_mapping_is_full_unicode()
    {
        Assert.Equal("STRASSE", TestCallContext.Call("uppercase", "straße"));
        Assert.Equal("όσος σ aσ.bς", TestCallContext.Call("lowercase", "ΌΣΟΣ Σ AΣ.bΣ"));
    }

    [Fact]
    public void String_of_a_function_is_empty_and_of_infinity_is_D3001()
    {
        Assert.Equal(string.Empty, TestCallContext.Call("string", new JsonataRegex("a", string.Empty)));
        Assert.Equal("D3001", Assert.Throws<JsonataException>(() => TestCallContext.Call("string", double.PositiveInfinity)).Code);
    }

    [Theory]
    [InlineData(2.5)]
    [InlineData(3e21)]
    public void Pad_to_a_fractional_or_huge_width_fails_as_JavaScript_does(double width)
    {
        Assert.Equal("RangeError", Assert.Throws<JsonataException>(() => TestCallContext.Call("pad", "a", width)).Code);
    }

    [Fact]
    public void Error_and_assert_carry_the_message()
    {
        Assert.Equal("boom", Assert.Throws<JsonataException>(() => TestCallContext.Call("error", "boom")).Message);
        Assert.Equal("$assert() statement failed", Assert.Throws<JsonataException>(() => TestCallContext.Call("assert", false)).Message);
        Assert.Null(TestCallContext.Call("assert", true, "fine"));
    }
}
