using LongLivedTransactions.Jsonata.Functions;
using LongLivedTransactions.Jsonata.Values;
using static LongLivedTransactions.Jsonata.Tests.Functions.Values;

namespace LongLivedTransactions.Jsonata.Tests.Functions;

public sealed class MatchingFunctionTests
{
    private static JsonataRegex Regex(string pattern, string flags = "") => new(pattern, flags);

    [Fact]
    public void Match_returns_match_index_and_groups()
    {
        var result = Unwrapped(TestCallContext.Call("match", "ababbabbcc", Regex("a(b+)")));
        Assert.Equal(
            "[{\"match\":\"ab\",\"index\":0,\"groups\":[\"b\"]},{\"match\":\"abb\",\"index\":2,\"groups\":[\"bb\"]},{\"match\":\"abb\",\"index\":5,\"groups\":[\"bb\"]}]",
            Exact(result));
        Assert.Equal(2, Assert.IsType<JsonataArray>(TestCallContext.Call("match", "ababbabbcc", Regex("a(b+)"), 2.0)).Count);
        Assert.Null(Unwrapped(TestCallContext.Call("match", "abc", Regex("x"))));
        Assert.Equal("{\"match\":\"1\",\"index\":1,\"groups\":[\"1\",null]}", Exact(Unwrapped(TestCallContext.Call("match", "a1b", Regex(@"(\d)|(z)")))));
        Assert.Equal("D3040", Assert.Throws<JsonataException>(() => TestCallContext.Call("match", "a", Regex("a"), -1.0)).Code);
    }

    [Fact]
    public void A_later_zero_length_match_is_D1004()
    {
        Assert.Equal("D1004", Assert.Throws<JsonataException>(() => TestCallContext.Call("match", "aaa", Regex("a*?"))).Code);
        Assert.Equal("D1004", Assert.Throws<JsonataException>(() => TestCallContext.Call("replace", "abc", Regex("x*"), "-")).Code);
        Assert.Equal("y", TestCallContext.Call("replace", string.Empty, Regex("x*"), "y"));
    }

    [Theory]
    [InlineData("John Smith", @"(\w+)\s(\w+)", "$2, $1", "Smith, John")]
    [InlineData("abcabc", "b", "[$0]", "a[b]ca[b]c")]
    [InlineData("abc", "(b)", "$2$1$$$", "ab$$c")]
    [InlineData("abc", "b", "$1", "ac")]
    [InlineData("abcdefghijkl", "(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)", "$10|$11|$12|$1", "j|k|a2|al")]
    [InlineData("abc", "x", "y", "abc")]
    public void Replace_expands_dollar_references(string text, string pattern, string replacement, string expected)
    {
        Assert.Equal(expected, TestCallContext.Call("replace", text, Regex(pattern), replacement));
    }

    [Fact]
    public void Replace_with_a_function_gets_the_match_object()
    {
        var upper = new NativeFunction("upper", null, 1, (arguments, _) =>
            ((string)((OrderedDictionary<string, object?>)arguments[0]!)["match"]!).ToUpperInvariant());
        Assert.Equal("aBcaBc", TestCallContext.Call("replace", "abcabc", Regex("b"), upper));

        var number = new NativeFunction("number", null, 1, (_, _) => 5.0);
        Assert.Equal("D3012", Assert.Throws<JsonataException>(() => TestCallContext.Call("replace", "abc", Regex("b"), number)).Code);
    }

    [Fact]
    public void Split_and_contains_with_a_regex()
    {
        Assert.Equal("[\"a\",\"b\",\"c\"]", Exact(TestCallContext.Call("split", "a1b22c", Regex(@"\d+"))));
        Assert.Equal("[\"a\",\"b\"]", Exact(TestCallContext.Call("split", "a1b22c", Regex(@"\d+"), 2.0)));
        Assert.Equal("[\"\",\"a\"]", Exact(TestCallContext.Call("split", "1a", Regex(@"\d"))));
        Assert.Equal("[\"abc\"]", Exact(TestCallContext.Call("split", "abc", Regex("x"))));
        Assert.Equal(true, TestCallContext.Call("contains", "abc", Regex("B", "i")));
        Assert.Equal(false, TestCallContext.Call("contains", "abc", Regex("B")));
    }

    [Fact]
    public void Any_function_following_the_match_object_protocol_is_a_matcher()
    {
        // Matches each 'x', as a JSONata lambda returning {match, start, end, groups, next} would.
        NativeFunction Matcher(string text, int from) => new("matcher", null, 1, (_, _) => Find(text, from));
        OrderedDictionary<string, object?>? Find(string text, int from)
        {
            var at = text.IndexOf('x', from);
            return at < 0
                ? null
                : new OrderedDictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["match"] = "x",
                    ["start"] = (double)at,
                    ["end"] = (double)(at + 1),
                    ["groups"] = new JsonataArray(),
                    ["next"] = Matcher(text, at + 1),
                };
        }

        var context = new TestCallContext();
        var matcher = new NativeFunction("first", null, 1, (arguments, _) => Find((string)arguments[0]!, 0));
        Assert.Equal("[\"a\",\"b\",\"c\"]", Exact(context.Invoke("split", "axbxc", matcher)));
        Assert.Equal("a-b-c", context.Invoke("replace", "axbxc", matcher, "-"));
        Assert.Equal(true, context.Invoke("contains", "axbxc", matcher));
        Assert.Equal(2, Assert.IsType<JsonataArray>(context.Invoke("match", "axbxc", matcher)).Count);
    }

    [Fact]
    public void A_matcher_returning_something_else_is_T1010()
    {
        var uppercase = StandardLibrary.Create().Functions["uppercase"];
        var error = Assert.Throws<JsonataException>(() => TestCallContext.Call("split", "some text", uppercase));
        Assert.Equal("T1010", error.Code);
    }
}
