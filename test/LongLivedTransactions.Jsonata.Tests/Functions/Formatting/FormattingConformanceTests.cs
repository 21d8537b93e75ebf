using LongLivedTransactions.Jsonata.Functions;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Tests.Functions.Formatting;

/// <summary>
/// The official suite's cases for the picture-string functions, evaluated with a small stand-in for the evaluator
/// (plain calls with literal arguments, chains and bindings); cases outside that subset are counted, not run.
/// </summary>
public sealed class FormattingConformanceTests
{
    private static readonly string[] _groups =
    [
        "function-formatNumber", "function-formatInteger", "function-parseInteger", "function-formatBase",
        "function-fromMillis", "function-tomillis",
    ];

    private static readonly Lazy<List<ConformanceCase>> _cases = new(() => ConformanceCases.Load(_groups));

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var testCase in _cases.Value)
        {
            data.Add(testCase.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Case_matches_jsonata_js(string name)
    {
        var testCase = _cases.Value.Single(candidate => candidate.Name == name);
        var library = StandardLibrary.Create();
        object? actual;
        try
        {
            actual = SimpleCallEvaluator.Evaluate(testCase.Expression, testCase.Data, library, new TestCallContext(DateTimeOffset.UtcNow));
        }
        catch (NotSupportedException)
        {
            // Needs the full evaluator (paths, other built-ins).
            return;
        }
        catch (JsonataException error) when (testCase.ExpectedCode is not null)
        {
            Assert.Equal(testCase.ExpectedCode, error.Code);
            return;
        }

        Assert.Null(testCase.ExpectedCode);
        if (testCase.ExpectsUndefined)
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.True(JsonataValue.DeepEquals(testCase.ExpectedResult, actual), $"expected {Show(testCase.ExpectedResult)}, got {Show(actual)}");
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Case_matches_jsonata_js_through_the_evaluator(string name)
    {
        var testCase = _cases.Value.Single(candidate => candidate.Name == name);
        object? actual;
        try
        {
            actual = JsonataExpression.Compile(testCase.Expression).Evaluate(testCase.Data, testCase.Bindings);
        }
        catch (JsonataException error) when (testCase.ExpectedCode is not null)
        {
            Assert.Equal(testCase.ExpectedCode, error.Code);
            return;
        }

        Assert.Null(testCase.ExpectedCode);
        if (testCase.ExpectsUndefined)
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.True(JsonataValue.DeepEquals(testCase.ExpectedResult, actual), $"expected {Show(testCase.ExpectedResult)}, got {Show(actual)}");
        }
    }

    [Fact]
    public void Every_group_is_in_the_suite()
    {
        foreach (var group in _groups)
        {
            Assert.Contains(_cases.Value, testCase => testCase.Group == group);
        }
    }

    [Fact]
    public void Only_cases_needing_the_full_evaluator_are_left_out()
    {
        var library = StandardLibrary.Create();
        var unsupported = new List<string>();
        foreach (var testCase in _cases.Value)
        {
            try
            {
                SimpleCallEvaluator.Evaluate(testCase.Expression, testCase.Data, library, new TestCallContext());
            }
            catch (NotSupportedException)
            {
                unsupported.Add(testCase.Expression);
            }
            catch (JsonataException)
            {
            }
        }

        // A path step with a block ($toMillis(...).[...]) and $substringBefore/$substringAfter chains.
        Assert.True(unsupported.Count <= 3, string.Join(Environment.NewLine, unsupported));
    }

    private static string Show(object? value) => value is null ? "undefined" : JsonataValue.ToJsonNode(value)?.ToJsonString() ?? "null";
}
