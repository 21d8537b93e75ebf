using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LongLivedTransactions.StatesLanguage.Data;

namespace LongLivedTransactions.StatesLanguage.Tests.Data.JsonPath;

/// <summary>How a case of the RFC 9535 suite relates to the Jayway semantics AWS Step Functions uses.</summary>
internal enum Rfc9535Outcome
{
    /// <summary>Same answer as RFC 9535.</summary>
    Passing,

    /// <summary>A different answer that Jayway (and so AWS) gives on purpose; the Jayway answer is asserted.</summary>
    DocumentedDivergent,

    /// <summary>RFC 9535 syntax that Jayway does not have: rejected as a syntax error, as AWS rejects it.</summary>
    Unsupported,
}

/// <summary>
/// A known difference between RFC 9535 and Jayway JsonPath: which selectors it covers, why, and
/// what the Jayway behaviour is (checked by <see cref="AssertJayway"/>). See RFC9535-DIFFERENCES.md.
/// </summary>
internal sealed partial class JaywayDivergence
{
    private readonly Func<string, bool> _applies;
    private readonly Action<Rfc9535Case, JsonPathExpression?, JsonArray?> _assertJayway;

    private JaywayDivergence(string id, Rfc9535Outcome outcome, string explanation, Func<string, bool> applies, Action<Rfc9535Case, JsonPathExpression?, JsonArray?> assertJayway)
    {
        Id = id;
        Outcome = outcome;
        Explanation = explanation;
        _applies = applies;
        _assertJayway = assertJayway;
    }

    public string Id { get; }

    public Rfc9535Outcome Outcome { get; }

    public string Explanation { get; }

    /// <summary>RFC-valid selectors that Jayway rejects.</summary>
    public static IReadOnlyList<JaywayDivergence> Rejections { get; } =
    [
        Unsupported("rfc-filter-syntax", "Jayway writes a filter as [?(<expression>)]; RFC 9535's bare [?<expression>], its function extensions (length, count, match, search, value) and filters inside a union are not Jayway syntax.",
            selector => selector.Contains('?', StringComparison.Ordinal)),
        Unsupported("blank-between-segments", "Jayway allows no blank between segments, after '$' or inside a slice.",
            selector => HasInnerBlank(selector)),
        Unsupported("integer-beyond-32-bits", "Jayway indexes and slice bounds are 32-bit integers.",
            selector => LongNumber().IsMatch(selector)),
        Unsupported("slice-without-bounds-or-with-step", "Jayway slices have no step and need a start or an end ([:], [::], [::2] are errors).",
            selector => selector.Contains("::", StringComparison.Ordinal) || selector.Contains("[:]", StringComparison.Ordinal)),
        Unsupported("mixed-union", "A Jayway union lists only names or only indexes; wildcards, slices, names and indexes cannot be mixed.",
            selector => MixedUnion().IsMatch(selector)),
    ];

    /// <summary>RFC-invalid selectors that Jayway accepts.</summary>
    public static IReadOnlyList<JaywayDivergence> Acceptances { get; } =
    [
        Accepted("surrounding-blanks", "Jayway trims blanks around the whole path.",
            selector => selector != selector.Trim()),
        Accepted("dot-name-characters", "After '.', Jayway takes any characters up to '.', '[', '(' or a space as the name, so $.1, $.& and names starting with a tab or line break are accepted.",
            selector => LenientDotName().IsMatch(selector)),
        Accepted("quoted-name-as-written", "Jayway takes a quoted name as written: control characters and unknown escapes are part of the name, not errors.",
            selector => QuotedNameWithControlOrBackslash().IsMatch(selector)),
        Accepted("leading-zero-or-minus-zero", "Jayway reads indexes and slice bounds with Integer.parseInt, which accepts 01, -0 and -01.",
            selector => LeadingZero().IsMatch(selector)),
        Accepted("index-trailing-comma", "Jayway splits an index list like Java's String.split, which drops a trailing empty part: [0,] is [0].",
            selector => selector.Contains(",]", StringComparison.Ordinal)),
        Accepted("slice-extra-parts", "Jayway reads only the first two parts of a slice; a step or further parts are ignored.",
            selector => SliceWithThreeParts().IsMatch(selector)),
        Accepted("non-singular-comparison", "A Jayway filter may compare a path that selects several values (it compares their list); RFC 9535 requires a singular query.",
            selector => selector.Contains("[?(", StringComparison.Ordinal)),
    ];

    /// <summary>Selectors both accept but answer differently.</summary>
    public static IReadOnlyList<JaywayDivergence> DifferentResults { get; } =
    [
        new("merged-name-union", Rfc9535Outcome.DocumentedDivergent,
            "Several names at the end of a path (['a','b']) give one object holding those members (Jayway's merge), not the separate values.",
            selector => NameUnion().IsMatch(selector),
            AssertMergedUnion),
        new("escapes-kept-as-written", Rfc9535Outcome.DocumentedDivergent,
            "A backslash in a quoted name only keeps the next character from ending the name; the name is taken as written (AWS recorded: $['Test\\\"\"Name\"'] reads the key Test\\\"\"Name\").",
            selector => QuotedNameWithControlOrBackslash().IsMatch(selector),
            AssertEscapesKept),
        new("jayway-slice-arithmetic", Rfc9535Outcome.DocumentedDivergent,
            "Jayway slices have no step, and [from:to] with both bounds counts a negative bound from the end only element by element; the answer follows Jayway's ArraySliceToken.",
            selector => selector.Contains(':', StringComparison.Ordinal),
            AssertJaywaySlice),
    ];

    public bool Applies(string selector) => _applies(selector);

    public void AssertJayway(Rfc9535Case testCase, JsonPathExpression? expression, JsonArray? actual) => _assertJayway(testCase, expression, actual);

    private static JaywayDivergence Unsupported(string id, string explanation, Func<string, bool> applies) =>
        new(id, Rfc9535Outcome.Unsupported, explanation, applies, (testCase, _, _) =>
            Assert.Throws<JsonPathSyntaxException>(() => JsonPathExpression.Parse(testCase.Selector)));

    private static JaywayDivergence Accepted(string id, string explanation, Func<string, bool> applies) =>
        new(id, Rfc9535Outcome.DocumentedDivergent, explanation, applies, (testCase, expression, actual) =>
        {
            Assert.NotNull(expression);
            Assert.True(JsonPathExpression.TryParse(testCase.Selector, out _));
        });

    private static void AssertMergedUnion(Rfc9535Case testCase, JsonPathExpression? expression, JsonArray? actual)
    {
        Assert.NotNull(actual);
        var names = QuotedNames().Matches(testCase.Selector).Select(match => match.Groups["name"].Value).ToHashSet();
        Assert.NotEmpty(actual);
        Assert.All(actual, match =>
        {
            var merged = Assert.IsType<JsonObject>(match);
            Assert.All(merged, member => Assert.Contains(member.Key, names));
        });
    }

    private static void AssertEscapesKept(Rfc9535Case testCase, JsonPathExpression? expression, JsonArray? actual)
    {
        Assert.NotNull(expression);
        Assert.NotNull(actual);
        Assert.Empty(actual);
        var rawName = QuotedNames().Match(testCase.Selector).Groups["name"].Value;
        var document = new JsonObject { [rawName] = "as written" };
        Assert.Equal("as written", (string?)Assert.Single(expression.Select(document)));
    }

    private static void AssertJaywaySlice(Rfc9535Case testCase, JsonPathExpression? expression, JsonArray? actual)
    {
        Assert.NotNull(actual);
        var slice = SimpleSlice().Match(testCase.Selector);
        Assert.True(slice.Success, $"'{testCase.Selector}' is not a plain $[from:to...] slice");
        var array = Assert.IsType<JsonArray>(testCase.Document);
        int? from = slice.Groups["from"].Length > 0 ? int.Parse(slice.Groups["from"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        int? to = slice.Groups["to"].Length > 0 ? int.Parse(slice.Groups["to"].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        var expected = new JsonArray(JaywaySliceIndexes(array.Count, from, to).Select(i => array[i]?.DeepClone()).ToArray());
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Jayway slice {testCase.Selector}: expected {expected.ToJsonString()}, got {actual.ToJsonString()}");
    }

    /// <summary>Jayway's ArraySliceToken, written out: which positions a slice visits.</summary>
    private static IEnumerable<int> JaywaySliceIndexes(int length, int? from, int? to)
    {
        if (length == 0)
        {
            yield break;
        }

        int start;
        int end;
        if (from is not null && to is not null)
        {
            start = from.Value;
            end = Math.Min(length, to.Value);
        }
        else if (from is not null)
        {
            start = Math.Max(0, from.Value < 0 ? length + from.Value : from.Value);
            end = length;
        }
        else
        {
            start = 0;
            end = Math.Min(length, to!.Value < 0 ? length + to.Value : to.Value);
        }

        for (var i = start; i < end; i++)
        {
            var effective = i < 0 ? length + i : i;
            if (effective >= 0 && effective < length)
            {
                yield return effective;
            }
        }
    }

    private static bool HasInnerBlank(string selector)
    {
        var trimmed = selector.Trim();
        var quote = '\0';
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (quote != '\0')
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == quote)
                {
                    quote = '\0';
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"\d{10,}")]
    private static partial Regex LongNumber();

    [GeneratedRegex(@"\[[^\]'""]*(\*[^\]]*,|,[^\]]*\*|:[^\]]*,|,[^\]]*:|'[^\]]*,\s*-?\d|\d\s*,\s*')")]
    private static partial Regex MixedUnion();

    [GeneratedRegex(@"\.\.?[^A-Za-z_\[\*\.\u0080-\uFFFF]")]
    private static partial Regex LenientDotName();

    [GeneratedRegex(@"\[\s*(['""])(?:[^\\]*\\|[^\]]*[\u0000-\u001F])")]
    private static partial Regex QuotedNameWithControlOrBackslash();

    [GeneratedRegex(@"(?:[\[:,])-?0\d|-0[\]:]|\[-0")]
    private static partial Regex LeadingZero();

    [GeneratedRegex(@"\[[^\]]*:[^\]]*:[^\]]*\]")]
    private static partial Regex SliceWithThreeParts();

    [GeneratedRegex(@"\[\s*'[^']*'\s*,\s*'|\[\s*""[^""]*""\s*,\s*""")]
    private static partial Regex NameUnion();

    [GeneratedRegex(@"(['""])(?<name>(?:\\.|(?!\1).)*)\1", RegexOptions.Singleline)]
    private static partial Regex QuotedNames();

    [GeneratedRegex(@"^\$\[(?<from>-?\d*):(?<to>-?\d*)(?::[^\]]*)?\]$")]
    private static partial Regex SimpleSlice();
}
