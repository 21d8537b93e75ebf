using LongLivedTransactions.Jsonata.Functions;
using LongLivedTransactions.Jsonata.Values;
using static LongLivedTransactions.Jsonata.Tests.Functions.Values;

namespace LongLivedTransactions.Jsonata.Tests.Functions;

public sealed class HigherOrderFunctionTests
{
    private static NativeFunction Lambda(int arity, Func<object?[], object?> body) => new("lambda", null, arity, (arguments, _) => body(arguments));

    [Fact]
    public void Map_passes_only_as_many_arguments_as_the_callback_declares()
    {
        var context = new TestCallContext();
        var one = context.Invoke("map", Json("[1,2]"), Lambda(1, a => a[0]));
        Assert.Equal("[1,2]", Exact(one));
        Assert.All(context.Calls, call => Assert.Single(call));

        var three = context.Invoke("map", Json("[1,2,3]"), Lambda(3, a => ((double)a[0]! * (double)a[1]!) + ((JsonataArray)a[2]!).Count));
        Assert.Equal("[3,5,9]", Exact(three));
    }

    [Fact]
    public void Map_drops_undefined_results_and_returns_a_sequence()
    {
        var result = Assert.IsType<JsonataArray>(TestCallContext.Call("map", Json("[1,2,3]"), Lambda(1, a => (double)a[0]! == 2 ? null : a[0])));
        Assert.True(result.IsSequence);
        Assert.Equal("[1,3]", Exact(result));
    }

    [Fact]
    public void Map_with_a_builtin_callback_uses_its_arity()
    {
        Assert.True(new TestCallContext().Invoke("map", Json("[1,2]"), StandardLibrary.Create().Functions["string"]) is JsonataArray { Count: 2 } strings
            && Exact(strings) == "[\"1\",\"2\"]");
    }

    [Fact]
    public void Filter_keeps_items_whose_result_is_truthy()
    {
        var result = TestCallContext.Call("filter", Json("[1,2,3,4]"), Lambda(2, a => (double)a[1]! % 2 == 0 ? "yes" : string.Empty));
        Assert.Equal("[1,3]", Exact(result));
    }

    [Fact]
    public void Single_finds_exactly_one()
    {
        Assert.Equal(2.0, TestCallContext.Call("single", Json("[1,2,3]"), Lambda(1, a => (double)a[0]! == 2)));
        Assert.Equal(7.0, TestCallContext.Call("single", Json("[7]")));
        Assert.Equal("D3138", Assert.Throws<JsonataException>(() => TestCallContext.Call("single", Json("[1,2,3]"), Lambda(1, a => (double)a[0]! > 1))).Code);
        Assert.Equal("D3139", Assert.Throws<JsonataException>(() => TestCallContext.Call("single", Json("[1,2,3]"), Lambda(1, a => false))).Code);
    }

    [Fact]
    public void Reduce_folds_with_an_initial_value_or_the_first_item()
    {
        var add = Lambda(2, a => (double)a[0]! + (double)a[1]!);
        Assert.Equal(16.0, TestCallContext.Call("reduce", Json("[1,2,3]"), add, 10.0));
        Assert.Equal(6.0, TestCallContext.Call("reduce", Json("[1,2,3]"), add));
        Assert.Null(TestCallContext.Call("reduce", Json("[]"), add));

        // With four parameters the callback also gets the index and the array.
        var four = Lambda(4, a => (double)a[0]! + ((double)a[1]! * (double)a[2]!) + ((JsonataArray)a[3]!).Count);
        Assert.Equal(15.0, TestCallContext.Call("reduce", Json("[1,2,3]"), four));
    }

    [Fact]
    public void Reduce_needs_a_function_of_two_parameters()
    {
        Assert.Equal("D3050", Assert.Throws<JsonataException>(() => TestCallContext.Call("reduce", Json("[1,2]"), Lambda(1, a => a[0]))).Code);
    }

    [Fact]
    public void Each_and_sift_walk_an_objects_members_with_their_keys()
    {
        var pairs = TestCallContext.Call("each", Json("{\"a\":1,\"b\":2}"), Lambda(2, a => (string)a[1]! + JsonataJson.FormatNumber((double)a[0]!)));
        Assert.Equal("[\"a1\",\"b2\"]", Exact(pairs));

        var sifted = TestCallContext.Call("sift", Json("{\"a\":1,\"b\":2}"), Lambda(2, a => (string)a[1]! == "b"));
        Assert.Equal("{\"b\":2}", Exact(sifted));
        Assert.Null(TestCallContext.Call("sift", Json("{\"a\":1}"), Lambda(1, _ => false)));
    }

    [Fact]
    public void Sort_with_a_comparator_is_stable_and_swaps_when_it_returns_true()
    {
        var byKey = Lambda(2, a => (double)((OrderedDictionary<string, object?>)a[0]!)["k"]! > (double)((OrderedDictionary<string, object?>)a[1]!)["k"]!);
        var sorted = TestCallContext.Call("sort", Json("[{\"k\":2,\"v\":1},{\"k\":1,\"v\":2},{\"k\":2,\"v\":3},{\"k\":1,\"v\":4}]"), byKey);
        Assert.Equal("[{\"k\":1,\"v\":2},{\"k\":1,\"v\":4},{\"k\":2,\"v\":1},{\"k\":2,\"v\":3}]", Exact(sorted));

        var descending = TestCallContext.Call("sort", Json("[3,1,2]"), Lambda(2, a => (double)a[0]! < (double)a[1]!));
        Assert.Equal("[3,2,1]", Exact(descending));
    }

    [Fact]
    public void Shuffle_keeps_every_item()
    {
        var shuffled = Assert.IsType<JsonataArray>(TestCallContext.Call("shuffle", Json("[1,2,3,4,5,6,7,8]")));
        Assert.Equal(new double[] { 1, 2, 3, 4, 5, 6, 7, 8 }, shuffled.Cast<double>().Order());
    }

    [Fact]
    public void Random_is_in_the_unit_interval()
    {
        var value = Assert.IsType<double>(TestCallContext.Call("random"));
        Assert.InRange(value, 0, 0.9999999999999999);
    }

    [Theory]
    [InlineData("string", 1)]
    [InlineData("substring", 3)]
    [InlineData("map", 2)]
    [InlineData("reduce", 3)]
    [InlineData("zip", 0)]
    [InlineData("random", 0)]
    [InlineData("replace", 4)]
    public void Builtins_declare_the_arity_of_their_jsonata_js_implementation(string name, int arity)
    {
        Assert.Equal(arity, StandardLibrary.Create().Functions[name].Arity);
    }

    [Fact]
    public void Every_core_builtin_is_registered()
    {
        var names = "sum count max min average string substring substringBefore substringAfter lowercase uppercase length trim pad split join "
            + "match replace contains number abs floor ceil round power sqrt random boolean not exists type keys lookup append sort reverse "
            + "shuffle distinct spread merge each sift map filter single reduce zip error assert base64encode base64decode encodeUrl "
            + "encodeUrlComponent decodeUrl decodeUrlComponent clone";
        var functions = StandardLibrary.Create().Functions;
        Assert.All(names.Split(' '), name => Assert.True(functions.ContainsKey(name), name));
    }
}
