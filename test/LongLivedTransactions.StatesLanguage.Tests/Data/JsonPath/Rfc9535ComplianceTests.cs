using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Data;
using Xunit.Abstractions;

namespace LongLivedTransactions.StatesLanguage.Tests.Data.JsonPath;

/// <summary>
/// Runs the RFC 9535 compliance test suite (../shared/conformance/jsonpath/rfc9535-cts.jsonl) against
/// <see cref="JsonPathExpression"/>. AWS Step Functions uses Jayway JsonPath, which predates RFC 9535:
/// where Jayway answers differently the case must match a documented divergence, and the Jayway
/// answer is asserted instead (see RFC9535-DIFFERENCES.md). Nothing is skipped.
/// </summary>
public sealed class Rfc9535ComplianceTests(ITestOutputHelper output)
{
    // The figures the suite gives today; a change means behaviour moved and the document needs a look.
    private const int ExpectedPassing = 180;
    private const int ExpectedDocumentedDivergent = 186;
    private const int ExpectedUnsupported = 337;

    public static TheoryData<string> CaseNames()
    {
        var names = new TheoryData<string>();
        foreach (var testCase in Rfc9535Case.All)
        {
            names.Add(testCase.Name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Case_matches_RFC_9535_or_a_documented_Jayway_divergence(string name)
    {
        var testCase = Rfc9535Case.Named(name);
        var (outcome, divergence) = Classify(testCase, assert: true);
        Assert.True(outcome == Rfc9535Outcome.Passing || divergence is not null, $"{name}: {outcome} without a documented reason");
    }

    [Fact]
    public void Suite_totals_are_as_documented()
    {
        var totals = Rfc9535Case.All
            .Select(testCase => Classify(testCase, assert: false))
            .GroupBy(result => result.Outcome)
            .ToDictionary(group => group.Key, group => group.Count());
        var byDivergence = Rfc9535Case.All
            .Select(testCase => Classify(testCase, assert: false).Divergence?.Id)
            .Where(id => id is not null)
            .GroupBy(id => id!)
            .OrderBy(group => group.Key, StringComparer.Ordinal);

        output.WriteLine($"RFC 9535 compliance suite: {Rfc9535Case.All.Count} cases");
        foreach (var outcome in Enum.GetValues<Rfc9535Outcome>())
        {
            output.WriteLine($"  {outcome}: {totals.GetValueOrDefault(outcome)}");
        }

        foreach (var group in byDivergence)
        {
            output.WriteLine($"    {group.Key}: {group.Count()}");
        }

        Assert.Equal(ExpectedPassing, totals.GetValueOrDefault(Rfc9535Outcome.Passing));
        Assert.Equal(ExpectedDocumentedDivergent, totals.GetValueOrDefault(Rfc9535Outcome.DocumentedDivergent));
        Assert.Equal(ExpectedUnsupported, totals.GetValueOrDefault(Rfc9535Outcome.Unsupported));
    }

    private static (Rfc9535Outcome Outcome, JaywayDivergence? Divergence) Classify(Rfc9535Case testCase, bool assert)
    {
        var expression = JsonPathExpression.TryParse(testCase.Selector, out var parsed) ? parsed : null;
        if (testCase.InvalidSelector)
        {
            if (expression is null)
            {
                return (Rfc9535Outcome.Passing, null);
            }

            return Documented(testCase, JaywayDivergence.Acceptances, expression, null, assert, "accepted although RFC 9535 rejects it");
        }

        if (expression is null)
        {
            return Documented(testCase, JaywayDivergence.Rejections, null, null, assert, "rejected although RFC 9535 accepts it");
        }

        var actual = new JsonArray(expression.Select(testCase.Document).ToArray());
        if (testCase.IsExpected(actual))
        {
            return (Rfc9535Outcome.Passing, null);
        }

        return Documented(testCase, JaywayDivergence.DifferentResults, expression, actual, assert, $"gave {actual.ToJsonString()}, RFC 9535 expects {testCase.ExpectedAlternatives?[0]?.ToJsonString()}");
    }

    private static (Rfc9535Outcome, JaywayDivergence?) Documented(
        Rfc9535Case testCase,
        IReadOnlyList<JaywayDivergence> candidates,
        JsonPathExpression? expression,
        JsonArray? actual,
        bool assert,
        string difference)
    {
        var divergence = candidates.FirstOrDefault(candidate => candidate.Applies(testCase.Selector));
        if (assert)
        {
            Assert.True(divergence is not null, $"'{testCase.Selector}' ({testCase.Name}) {difference}, and no documented divergence covers it");
            divergence.AssertJayway(testCase, expression, actual);
        }

        return (divergence?.Outcome ?? Rfc9535Outcome.DocumentedDivergent, divergence);
    }
}
