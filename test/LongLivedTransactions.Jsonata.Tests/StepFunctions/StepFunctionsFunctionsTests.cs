using System.Text.Json;
using LongLivedTransactions.Jsonata.Functions;
using LongLivedTransactions.Jsonata.StepFunctions;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Tests.StepFunctions;

public sealed class StepFunctionsFunctionsTests
{
    private static readonly FunctionLibrary Library = StepFunctionsFunctions.Create();

    [Fact]
    public void The_library_holds_the_six_functions_with_signatures()
    {
        Assert.Equal(
            ["hash", "parse", "partition", "random", "range", "uuid"],
            Library.Functions.Keys.Order(StringComparer.Ordinal));
        Assert.All(Library.Functions.Values, function => Assert.NotNull(((NativeFunction)function).Signature));
    }

    // Acceptance values recorded on AWS (floci-io/floci#2662).
    [Fact]
    public void Random_with_seed_42_is_the_value_AWS_returns() =>
        Assert.Equal(0.7275636800328681, Call("random", 42.0));

    [Fact]
    public void Hash_of_input_with_sha1_is_the_value_AWS_returns() =>
        Assert.Equal("140f86aae51ab9e1cda9b4254fe98a74eb54c1a1", Call("hash", "input", "SHA-1"));

    [Fact]
    public void Range_includes_the_end_when_a_step_lands_on_it() =>
        Assert.Equal("[0,2,4,6]", Json(Call("range", 0.0, 6.0, 2.0)));

    [Fact]
    public void Partition_splits_into_chunks_of_the_size() =>
        Assert.Equal("[[1,2],[3,4]]", Json(Call("partition", Array(1, 2, 3, 4), 2.0)));

    [Fact]
    public void Partition_leaves_a_shorter_last_chunk() =>
        Assert.Equal("[[1,2,3],[4,5]]", Json(Call("partition", Array(1, 2, 3, 4, 5), 3.0)));

    [Fact]
    public void Partition_with_a_size_above_the_length_gives_one_chunk() =>
        Assert.Equal("[[1,2]]", Json(Call("partition", Array(1, 2), 10.0)));

    [Fact]
    public void Partition_of_an_empty_array_is_an_empty_array() =>
        Assert.Equal("[]", Json(Call("partition", Array(), 2.0)));

    [Fact]
    public void Partition_of_a_single_value_treats_it_as_an_array() =>
        Assert.Equal("[[\"a\"]]", Json(Call("partition", "a", 2.0)));

    [Fact]
    public void Partition_of_undefined_is_undefined() => Assert.Null(Call("partition", null, 2.0));

    [Theory]
    [InlineData(-1.0)]
    [InlineData(0.0)]
    [InlineData(0.5)]
    public void Partition_refuses_a_size_below_one(double size)
    {
        var error = Assert.Throws<JsonataException>(() => Call("partition", Array(1, 2), size));
        Assert.Equal(StepFunctionsErrors.PartitionSize, error.Code);
    }

    [Fact]
    public void Range_truncates_its_arguments_toward_zero() =>
        Assert.Equal("[-1,0,1,2]", Json(Call("range", -1.7, 2.0, 1.0)));

    [Fact]
    public void Range_stops_before_an_end_the_step_jumps_over() =>
        Assert.Equal("[0,4,8]", Json(Call("range", 0.0, 10.0, 4.0)));

    [Fact]
    public void Range_counts_down_with_a_negative_step() =>
        Assert.Equal("[5,3,1]", Json(Call("range", 5.0, 0.0, -2.0)));

    [Fact]
    public void Range_with_equal_ends_holds_one_value() =>
        Assert.Equal("[3]", Json(Call("range", 3.0, 3.0, 1.0)));

    [Fact]
    public void Range_going_away_from_the_end_is_empty() =>
        Assert.Equal("[]", Json(Call("range", 0.0, 5.0, -1.0)));

    [Fact]
    public void Range_with_a_zero_step_is_undefined() => Assert.Null(Call("range", 0.0, 5.0, 0.0));

    [Fact]
    public void Range_of_undefined_is_undefined() => Assert.Null(Call("range", null, 5.0, 1.0));

    [Fact]
    public void Range_above_the_size_limit_is_refused_before_allocating()
    {
        var error = Assert.Throws<JsonataException>(() => Call("range", 0.0, 1e12, 1.0));
        Assert.Equal("D2014", error.Code);
    }

    [Fact]
    public void Range_with_extreme_bounds_does_not_overflow()
    {
        var result = Assert.IsType<JsonataArray>(Call("range", -9.2e18, 9.2e18, 9.2e18));
        Assert.Equal(3, result.Count);
    }

    [Theory]
    [InlineData("MD5", "a43c1b0aa53a0c908810c06ab1ff3967")]
    [InlineData("SHA-1", "140f86aae51ab9e1cda9b4254fe98a74eb54c1a1")]
    [InlineData("SHA-256", "c96c6d5be8d08a12e7b5cdc1b207fa6b2430974c86803d8891675e76fd992c20")]
    [InlineData("SHA-384", "4fbd200eb6266698f0846c66607c98797e2b9b3af5bf82aa1aa330a0e2b12aba97755e3bc955c9765e9edcc70278ca2c")]
    [InlineData("SHA-512", "dc6d6c30f2be9c976d6318c9a534d85e9a1c3f3608321a04b4678ef408124d45d7164f3e562e68c6c0b6c077340a785824017032fddfa924f4cf400e6cbb6adc")]
    public void Hash_supports_the_five_algorithms_in_lowercase_hex(string algorithm, string expected) =>
        Assert.Equal(expected, Call("hash", "input", algorithm));

    [Fact]
    public void Hash_of_non_ascii_text_hashes_its_utf8_bytes() =>
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("é€😀"u8)),
            Call("hash", "é€😀", "SHA-256"));

    [Fact]
    public void Hash_refuses_an_unknown_algorithm()
    {
        var error = Assert.Throws<JsonataException>(() => Call("hash", "input", "SHA-3"));
        Assert.Equal(StepFunctionsErrors.HashAlgorithm, error.Code);
    }

    [Fact]
    public void Hash_of_a_number_is_a_signature_mismatch() =>
        Assert.Equal("T0410", Assert.Throws<JsonataException>(() => Call("hash", 1.0, "MD5")).Code);

    [Fact]
    public void Hash_of_undefined_is_undefined() => Assert.Null(Call("hash", null, "MD5"));

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-7.0)]
    [InlineData(123456789.0)]
    public void Random_with_a_seed_always_gives_the_same_number_in_unit_range(double seed)
    {
        var first = (double)Call("random", seed)!;
        Assert.Equal(first, Call("random", seed));
        Assert.InRange(first, 0.0, 0.9999999999999999);
    }

    [Fact]
    public void Random_seed_is_truncated_like_a_java_long_cast() =>
        Assert.Equal(Call("random", 42.0), Call("random", 42.9));

    [Fact]
    public void Java_random_matches_known_java_sequences()
    {
        // new java.util.Random(0).nextInt() is -1155484576, and new Random(42).nextInt() is -1170105035.
        Assert.Equal(-1155484576, new JavaRandom(0).Next(32));
        Assert.Equal(-1170105035, new JavaRandom(42).Next(32));
        // new java.util.Random(0).nextDouble() is 0.730967787376657.
        Assert.Equal(0.730967787376657, new JavaRandom(0).NextDouble());
    }

    [Fact]
    public void Random_without_a_seed_varies()
    {
        var values = Enumerable.Range(0, 20).Select(_ => (double)Call("random")!).ToArray();
        Assert.All(values, value => Assert.InRange(value, 0.0, 0.9999999999999999));
        Assert.True(values.Distinct().Count() > 1);
    }

    [Fact]
    public void Uuid_is_a_lowercase_version_4_uuid()
    {
        var text = (string)Call("uuid")!;
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", text);
        Assert.NotEqual(text, Call("uuid"));
    }

    [Fact]
    public void Parse_reads_a_json_text_into_values()
    {
        var value = Assert.IsType<OrderedDictionary<string, object?>>(Call("parse", "{\"a\":1,\"b\":[true,null,\"x\"]}"));
        Assert.Equal(1.0, value["a"]);
        Assert.Equal("[true,null,\"x\"]", Json(value["b"]));
        Assert.Same(JsonNull.Value, Call("parse", "null"));
    }

    [Fact]
    public void Parse_keeps_the_key_order_of_the_text() =>
        Assert.Equal(["z", "a", "m"], ((OrderedDictionary<string, object?>)Call("parse", "{\"z\":1,\"a\":2,\"m\":3}")!).Keys);

    [Theory]
    [InlineData("{")]
    [InlineData("{'a':1}")]
    [InlineData("")]
    [InlineData("[1,]")]
    public void Parse_refuses_text_that_is_not_json(string text) =>
        Assert.Equal(StepFunctionsErrors.ParseInvalidJson, Assert.Throws<JsonataException>(() => Call("parse", text)).Code);

    [Fact]
    public void Parse_of_undefined_is_undefined() => Assert.Null(Call("parse", [null]));

    private static object? Call(string name, params object?[] arguments)
    {
        Assert.True(Library.TryGet(name, out var function));
        return ((NativeFunction)function).Implementation(arguments, TestCallContext.Instance);
    }

    private static JsonataArray Array(params double[] items) => new(items.Select(item => (object?)item));

    private static string Json(object? value) => JsonSerializer.Serialize(JsonataValue.ToJsonNode(value));
}
