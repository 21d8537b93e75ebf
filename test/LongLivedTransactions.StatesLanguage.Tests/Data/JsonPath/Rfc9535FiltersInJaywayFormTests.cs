using System.Text;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Data;
using Xunit.Abstractions;

namespace LongLivedTransactions.StatesLanguage.Tests.Data.JsonPath;

/// <summary>
/// The RFC 9535 filter cases, rewritten from RFC syntax <c>[?expr]</c> into Jayway's <c>[?(expr)]</c>,
/// so the filter semantics are compared and not only the syntax. Where Jayway answers differently,
/// the Jayway answer is written out below with the reason.
/// </summary>
public sealed class Rfc9535FiltersInJaywayFormTests(ITestOutputHelper output)
{
    private const int ExpectedComparable = 194;
    private const int ExpectedSame = 173;

    private static readonly string[] RfcFunctionNames = ["length(", "count(", "match(", "search(", "value("];

    /// <summary>Case name: (why Jayway differs, what Jayway selects).</summary>
    private static readonly Dictionary<string, (string Reason, string JaywayResult)> JaywayAnswers = new(StringComparer.Ordinal)
    {
        ["filter, existence, without segments"] = (FilterOnObject, """[{"a":1,"b":null}]"""),
        ["filter, absolute existence, without segments"] = (FilterOnObject, """[{"a":1,"b":null}]"""),
        ["filter, name segment on primitive, selects nothing"] = (FilterOnObject, """[{"a":1}]"""),
        ["filter, object data"] = (FilterOnObject, "[]"),
        ["filter, equals numeric string, single quotes"] = (NumberEqualsString, """[{"a":"1","d":"e"},{"a":1,"d":"f"}]"""),
        ["filter, equals numeric string, double quotes"] = (NumberEqualsString, """[{"a":"1","d":"e"},{"a":1,"d":"f"}]"""),
        ["filter, equals number"] = (NumberEqualsString, """[{"a":1,"d":"e"},{"a":"1","d":"f"}]"""),
        ["filter, equals number, zero and negative zero"] = (NumberEqualsString, """[{"a":0,"d":"e"},{"a":"0","d":"g"}]"""),
        ["filter, equals number, decimal fraction"] = (NumberEqualsString, """[{"a":1.1,"d":"e"},{"a":"1.1","d":"g"}]"""),
        ["filter, not-equals numeric string, single quotes"] = (NumberEqualsString, "[]"),
        ["filter, not-equals numeric string, double quotes"] = (NumberEqualsString, "[]"),
        ["filter, not-equals number"] = (NumberEqualsString, """[{"a":2,"d":"f"}]"""),
        ["filter, equals, absent from index selector equals absent from name selector"] = (MissingNeverEqual, "[]"),
        ["filter, equals, empty node list and empty node list"] = (MissingNeverEqual, "[]"),
        ["filter, less than or equal to null"] = (OrderingOnlyNumbersAndStrings, "[]"),
        ["filter, less than or equal to true"] = (OrderingOnlyNumbersAndStrings, "[]"),
        ["filter, less than or equal to false"] = (OrderingOnlyNumbersAndStrings, "[]"),
        ["filter, greater than or equal to null"] = (OrderingOnlyNumbersAndStrings, "[]"),
        ["filter, greater than or equal to true"] = (OrderingOnlyNumbersAndStrings, "[]"),
        ["filter, greater than or equal to false"] = (OrderingOnlyNumbersAndStrings, "[]"),
        ["filter, followed by child segment that selects multiple elements"] = ("Several names at the end of a path merge into one object.", """[{"x":1,"y":null}]"""),
    };

    private const string FilterOnObject = "Jayway applies a filter on an object to the object itself, not to its members.";
    private const string NumberEqualsString = "Jayway's == treats a number and a string that reads as the same number as equal.";
    private const string MissingNeverEqual = "In Jayway a missing value equals nothing, not even another missing value.";
    private const string OrderingOnlyNumbersAndStrings = "Jayway orders only two numbers or two strings; <= and >= are false for null and booleans.";

    public static TheoryData<string> CaseNames()
    {
        var names = new TheoryData<string>();
        foreach (var testCase in ComparableCases())
        {
            names.Add(testCase.Name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Filter_case_in_Jayway_form_matches_RFC_9535_or_the_documented_Jayway_answer(string name)
    {
        var testCase = Rfc9535Case.Named(name);
        var selector = ToJaywayForm(testCase.Selector) ?? throw new InvalidOperationException($"{name} has no Jayway form");

        var expression = JsonPathExpression.Parse(selector);
        var actual = new JsonArray(expression.Select(testCase.Document).ToArray());

        if (JaywayAnswers.TryGetValue(name, out var jayway))
        {
            Assert.False(testCase.IsExpected(actual), $"{name} now agrees with RFC 9535; remove it from the Jayway answers");
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(jayway.JaywayResult), actual), $"{selector}: {jayway.Reason} Expected {jayway.JaywayResult}, got {actual.ToJsonString()}");
        }
        else
        {
            Assert.True(testCase.IsExpected(actual), $"{selector}: RFC 9535 expects {testCase.ExpectedAlternatives?[0]?.ToJsonString()}, got {actual.ToJsonString()}");
        }
    }

    [Fact]
    public void Totals_are_as_documented()
    {
        var cases = ComparableCases().ToList();
        var same = cases.Count(testCase => !JaywayAnswers.ContainsKey(testCase.Name));
        output.WriteLine($"RFC 9535 filter cases in Jayway form: {cases.Count} comparable, {same} same as RFC 9535, {cases.Count - same} documented Jayway answers");

        Assert.Equal(ExpectedComparable, cases.Count);
        Assert.Equal(ExpectedSame, same);
    }

    /// <summary>Valid RFC filter cases without RFC function extensions and with one filter per bracket.</summary>
    private static IEnumerable<Rfc9535Case> ComparableCases() =>
        Rfc9535Case.All.Where(testCase =>
            !testCase.InvalidSelector
            && testCase.Selector.Contains("[?", StringComparison.Ordinal)
            && !RfcFunctionNames.Any(function => testCase.Selector.Contains(function, StringComparison.Ordinal))
            && ToJaywayForm(testCase.Selector) is { } jayway
            && JsonPathExpression.TryParse(jayway, out _));

    /// <summary>Rewrites every bracket holding one RFC filter, <c>[?expr]</c>, into <c>[?(expr)]</c>; null when a bracket mixes a filter with other selectors.</summary>
    private static string? ToJaywayForm(string selector)
    {
        var result = new StringBuilder();
        var i = 0;
        while (i < selector.Length)
        {
            var start = selector.IndexOf("[?", i, StringComparison.Ordinal);
            if (start < 0)
            {
                result.Append(selector, i, selector.Length - i);
                break;
            }

            var end = ClosingBracket(selector, start, out var hasTopLevelComma);
            if (end < 0 || hasTopLevelComma)
            {
                return null;
            }

            var inner = ToJaywayForm(selector[(start + 2)..end]);
            if (inner is null)
            {
                return null;
            }

            result.Append(selector, i, start - i).Append("[?(").Append(inner).Append(")]");
            i = end + 1;
        }

        return result.ToString();
    }

    private static int ClosingBracket(string text, int open, out bool hasTopLevelComma)
    {
        hasTopLevelComma = false;
        var depth = 0;
        var parentheses = 0;
        var quote = '\0';
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
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

                continue;
            }

            switch (c)
            {
                case '\'' or '"':
                    quote = c;
                    break;
                case '(':
                    parentheses++;
                    break;
                case ')':
                    parentheses--;
                    break;
                case '[':
                    depth++;
                    break;
                case ']':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
                case ',' when depth == 1 && parentheses == 0:
                    hasTopLevelComma = true;
                    break;
            }
        }

        return -1;
    }
}
