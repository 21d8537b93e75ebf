using System.Diagnostics;
using System.Text.Json;
using LongLivedTransactions.Jsonata.Tests.Support;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Tests.Conformance;

/// <summary>
/// Runs one suite case as jsonata-js's own test runner does: compile (Standard dialect), evaluate with the
/// case's input and bindings, then compare with the expected result (a deep equality that ignores key order,
/// or a multiset for <c>unordered</c> cases), undefined, or the expected error's code and properties.
/// </summary>
internal static class SuiteCaseRunner
{
    // A guard for the test run only: the evaluator has its own Timeout, set from the case's timelimit.
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The suite's time limit guards against runaway evaluation. A case that must end with U1001 (an endless tail
    /// recursion) keeps it; a case expected to answer gets at least 40 s, because the whole solution's tests run at
    /// once on a 2-core machine.
    /// </summary>
    private static int TimeLimit(SuiteCase suiteCase, int milliseconds) =>
        suiteCase.Code is not null ? milliseconds : Math.Max(milliseconds, 40_000);

    public static CaseOutcome Run(SuiteCase suiteCase)
    {
        var started = Stopwatch.GetTimestamp();
        var failure = RunAndCompare(suiteCase);
        return new CaseOutcome(suiteCase, failure, Stopwatch.GetElapsedTime(started));
    }

    private static string? RunAndCompare(SuiteCase suiteCase)
    {
        var evaluation = Task.Run(() => Evaluate(suiteCase));
        try
        {
            if (!evaluation.Wait(HangLimit))
            {
                return $"did not finish within {HangLimit.TotalSeconds:0} s";
            }
        }
        catch (AggregateException wrapped) when (wrapped.InnerException is { } error and not JsonataException)
        {
            return $"threw {error.GetType().Name}: {error.Message.ReplaceLineEndings(" ")}";
        }

        var (result, exception) = evaluation.Result;
        return suiteCase.Code is not null || suiteCase.Error is not null
            ? CompareError(suiteCase, result, exception)
            : CompareResult(suiteCase, result, exception);
    }

    private static (object? Result, JsonataException? Error) Evaluate(SuiteCase suiteCase)
    {
        var options = new JsonataOptions
        {
            Dialect = JsonataDialect.Standard,
            MaxDepth = suiteCase.Depth ?? JsonataOptions.Default.MaxDepth,
            Timeout = suiteCase.TimeLimitMilliseconds is { } milliseconds ? TimeSpan.FromMilliseconds(TimeLimit(suiteCase, milliseconds)) : null,
        };
        var input = suiteCase.DataUndefined || suiteCase.Data is not { } data ? null : JsonReading.ToValue(data);
        var bindings = suiteCase.Bindings.ToDictionary(
            binding => binding.Key, binding => JsonReading.ToValue(binding.Value), StringComparer.Ordinal);
        try
        {
            var expression = JsonataExpression.Compile(suiteCase.Expression, options);
            return (expression.Evaluate(input, bindings), null);
        }
        catch (JsonataException error)
        {
            return (null, error);
        }
    }

    private static string? CompareResult(SuiteCase suiteCase, object? result, JsonataException? error)
    {
        if (error is not null)
        {
            return $"threw {error.Code} ({error.Message}) where a result was expected";
        }

        if (suiteCase.UndefinedResult || suiteCase.Result is null)
        {
            return result is null ? null : $"expected undefined, got {Shorten(ValueText.Of(result))}";
        }

        var expected = JsonReading.ToValue(suiteCase.Result.Value);
        if (suiteCase.Unordered && expected is JsonataArray expectedItems && result is JsonataArray actualItems)
        {
            var expectedTexts = expectedItems.Select(item => ValueText.Of(item, KeyOrder.Sorted)).Order(StringComparer.Ordinal);
            var actualTexts = actualItems.Select(item => ValueText.Of(item, KeyOrder.Sorted)).Order(StringComparer.Ordinal);
            return expectedTexts.SequenceEqual(actualTexts, StringComparer.Ordinal)
                ? null
                : $"expected (in any order) {Shorten(ValueText.Of(expected))}, got {Shorten(ValueText.Of(result))}";
        }

        var expectedText = ValueText.Of(expected, KeyOrder.Sorted);
        var actualText = ValueText.Of(result, KeyOrder.Sorted);
        return expectedText == actualText ? null : $"expected {Shorten(expectedText)}, got {Shorten(actualText)}";
    }

    private static string? CompareError(SuiteCase suiteCase, object? result, JsonataException? error)
    {
        var expectedCode = suiteCase.Code ?? Property(suiteCase.Error, "code");
        if (error is null)
        {
            return $"expected error {expectedCode}, got {Shorten(ValueText.Of(result))}";
        }

        if (error.Code != expectedCode)
        {
            return $"expected error {expectedCode}, got {error.Code} ({error.Message})";
        }

        if (suiteCase.Token is { } token && error.Token != token)
        {
            return $"error {error.Code} has token '{error.Token}', expected '{token}'";
        }

        if (suiteCase.Error is not { } properties)
        {
            return null;
        }

        // The suite's error objects must be contained in the thrown error (chai's deep.contain).
        foreach (var property in properties.EnumerateObject())
        {
            var expected = property.Value.ValueKind == JsonValueKind.String ? JsonReading.GetString(property.Value) : property.Value.GetRawText();
            var actual = property.Name switch
            {
                "code" => error.Code,
                "message" => error.Message,
                "token" or "functionName" => error.Token,
                "value" => error.Value as string ?? (error.Value is null ? null : ValueText.Of(error.Value)),
                _ => null,
            };
            if (actual != expected)
            {
                return $"error {error.Code}: {property.Name} is {Quote(actual)}, expected {Quote(expected)}";
            }
        }

        return null;
    }

    private static string? Property(JsonElement? element, string name) =>
        element is { } value && value.TryGetProperty(name, out var property) ? JsonReading.GetString(property) : null;

    private static string Quote(string? text) => text is null ? "(none)" : JsonSerializer.Serialize(text);

    private static string Shorten(string text) => text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 197), "...");
}
