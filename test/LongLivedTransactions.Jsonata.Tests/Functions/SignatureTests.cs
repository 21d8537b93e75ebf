using LongLivedTransactions.Jsonata.Functions;
using LongLivedTransactions.Jsonata.Values;
using static LongLivedTransactions.Jsonata.Tests.Functions.Values;

namespace LongLivedTransactions.Jsonata.Tests.Functions;

public sealed class SignatureTests
{
    [Theory]
    [InlineData("<s-nn?:s>", 3)]
    [InlineData("<a<n>:n>", 1)]
    [InlineData("<f<n:n>>", 1)]
    [InlineData("<s-(sf)(sf)n?:s>", 4)]
    [InlineData("<a+>", 1)]
    [InlineData("<:n>", 0)]
    [InlineData("<a<a<n>>>", 1)]
    public void Counts_parameters(string text, int count)
    {
        Assert.Equal(count, Signature.Parse(text).ParameterCount);
    }

    [Fact]
    public void Type_parameter_on_a_scalar_is_S0401()
    {
        var error = Assert.Throws<JsonataException>(() => Signature.Parse("<n<n>>"));
        Assert.Equal("S0401", error.Code);
        Assert.Equal(2, error.Position);
    }

    [Fact]
    public void Parameterized_type_in_a_choice_is_S0402()
    {
        var error = Assert.Throws<JsonataException>(() => Signature.Parse("<(sa<n>)>"));
        Assert.Equal("S0402", error.Code);
    }

    [Fact]
    public void Missing_argument_takes_the_context_value()
    {
        var validated = Signature.Parse("<s-nn?:s>").Validate([1.0, 2.0], "hello");
        Assert.Equal(["hello", 1.0, 2.0], validated);
    }

    [Fact]
    public void Optional_argument_left_out_is_undefined()
    {
        var validated = Signature.Parse("<s-nn?:s>").Validate(["hello", 1.0], null);
        Assert.Equal(["hello", 1.0, null], validated);
    }

    [Fact]
    public void Context_of_the_wrong_type_is_T0411()
    {
        var error = Assert.Throws<JsonataException>(() => Signature.Parse("<s-:s>").Validate([], 5.0, "uppercase"));
        Assert.Equal("T0411", error.Code);
        Assert.Equal(5.0, error.Value);
        Assert.Equal("Context value is not a compatible type with argument 1 of function \"uppercase\"", error.Message);
    }

    [Fact]
    public void Undefined_context_is_accepted_for_a_context_parameter()
    {
        Assert.Equal([null], Signature.Parse("<s-:s>").Validate([], null));
    }

    [Fact]
    public void Mismatch_names_the_first_argument_that_does_not_fit()
    {
        var error = Assert.Throws<JsonataException>(() => Signature.Parse("<s-(sf)n?:a<s>>").Validate(["a", ",", "2"], null, "split"));
        Assert.Equal("T0410", error.Code);
        Assert.Equal("2", error.Value);
        Assert.Equal("Argument 3 of function \"split\" does not match function signature", error.Message);
    }

    [Fact]
    public void Extra_argument_is_T0410_on_that_argument()
    {
        var error = Assert.Throws<JsonataException>(() => Signature.Parse("<nn:a>").Validate([1.0, 3.0, "2"], null));
        Assert.Equal("T0410", error.Code);
        Assert.Contains("Argument 3 ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Function_parameter_does_not_accept_undefined()
    {
        var error = Assert.Throws<JsonataException>(() => Signature.Parse("<af>").Validate([Array(1.0), null], null));
        Assert.Equal("T0410", error.Code);
        Assert.Contains("Argument 2 ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Array_parameter_wraps_a_single_value()
    {
        var validated = Signature.Parse("<a<s>s?:s>").Validate(["a"], null);
        var wrapped = Assert.IsType<JsonataArray>(validated[0]);
        Assert.Equal(["a"], wrapped);
        Assert.False(wrapped.IsSequence);
    }

    [Fact]
    public void Array_parameter_passes_undefined_through()
    {
        Assert.Equal([null], Signature.Parse("<a<n>:n>").Validate([null], null));
    }

    [Theory]
    [InlineData("[\"3\"]")]
    [InlineData("[1, 2, \"3\"]")]
    [InlineData("\"f\"")]
    public void Array_items_of_another_type_are_T0412(string argument)
    {
        var error = Assert.Throws<JsonataException>(() => Signature.Parse("<a<n>>").Validate([Json(argument)], null, "sum"));
        Assert.Equal("T0412", error.Code);
        Assert.Equal("Argument 1 of function \"sum\" must be an array of \"numbers\"", error.Message);
    }

    [Fact]
    public void Nested_array_type_checks_the_first_level()
    {
        var argument = Json("[[1]]");
        Assert.Same(argument, Signature.Parse("<a<a<n>>>").Validate([argument], null)[0]);
    }

    [Fact]
    public void Variadic_parameter_takes_every_remaining_argument()
    {
        var validated = Signature.Parse("<a+>").Validate([Array(1.0), 2.0, null], null);
        Assert.Equal(3, validated.Length);
        Assert.Equal([2.0], Assert.IsType<JsonataArray>(validated[1]));
        Assert.Null(validated[2]);
    }

    [Fact]
    public void Variadic_parameter_needs_one_argument()
    {
        var error = Assert.Throws<JsonataException>(() => Signature.Parse("<nn+:a>").Validate([1.0, 3.0, 2.0, "g"], null));
        Assert.Equal("T0410", error.Code);
        Assert.Contains("Argument 4 ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choice_accepts_any_listed_type()
    {
        var signature = Signature.Parse("<(ns)-:n>");
        Assert.Equal(["5"], signature.Validate(["5"], null));
        Assert.Equal([5.0], signature.Validate([], 5.0));
        Assert.Equal("T0410", Assert.Throws<JsonataException>(() => signature.Validate([true], null)).Code);
    }

    [Fact]
    public void Json_type_excludes_functions()
    {
        var function = new NativeFunction("f", null, 1, (_, _) => null);
        Assert.Equal("T0410", Assert.Throws<JsonataException>(() => Signature.Parse("<j>").Validate([function], null)).Code);
        Assert.Equal([function], Signature.Parse("<x>").Validate([function], null));
    }

    [Fact]
    public void Null_is_its_own_type()
    {
        Assert.Equal([JsonNull.Value], Signature.Parse("<l>").Validate([JsonNull.Value], null));
        Assert.Equal("T0410", Assert.Throws<JsonataException>(() => Signature.Parse("<n>").Validate([JsonNull.Value], null)).Code);
    }
}
