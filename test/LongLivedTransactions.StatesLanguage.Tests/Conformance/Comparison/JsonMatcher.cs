using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LongLivedTransactions.StatesLanguage.Tests.Conformance.Normalisation;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Comparison;

/// <summary>
/// Compares a recorded (normalised) JSON value with ours. Key order never matters. Numbers compare by value
/// and by kind (an integer literal differs from a decimal one, as the recording's comparison saw it).
/// Numbered placeholders (&lt;uuid:1&gt;, &lt;json-input:2&gt;) match whatever number: the numbering depends
/// on the whole recorded document. Replacement texts of values computed at test time match any text.
/// Two strings that are both JSON text match when their parsed values match (AWS changed its separators).
/// </summary>
internal sealed partial class JsonMatcher(IReadOnlyList<string> anyTextTokens)
{
    public static JsonMatcher Strict { get; } = new([]);

    /// <summary>Null when the values match, otherwise where and how they first differ.</summary>
    public string? FindDifference(JsonNode? expected, JsonNode? actual) => Compare(expected, actual, "$");

    public bool Matches(JsonNode? expected, JsonNode? actual) => FindDifference(expected, actual) is null;

    private string? Compare(JsonNode? expected, JsonNode? actual, string path)
    {
        switch (expected)
        {
            case null:
                return actual is null || actual.GetValueKind() == JsonValueKind.Null
                    ? null
                    : Difference(path, expected, actual);
            case JsonObject expectedObject:
                return actual is JsonObject actualObject
                    ? CompareObjects(expectedObject, actualObject, path)
                    : Difference(path, expected, actual);
            case JsonArray expectedArray:
                return actual is JsonArray actualArray
                    ? CompareArrays(expectedArray, actualArray, path)
                    : Difference(path, expected, actual);
            default:
                return CompareValues((JsonValue)expected, actual, path);
        }
    }

    private string? CompareObjects(JsonObject expected, JsonObject actual, string path)
    {
        var expectedByKey = expected.ToDictionary(p => CanonicalPlaceholders(p.Key), p => p.Value, StringComparer.Ordinal);
        var actualByKey = actual.ToDictionary(p => CanonicalPlaceholders(p.Key), p => p.Value, StringComparer.Ordinal);
        var missing = expectedByKey.Keys.Where(key => !actualByKey.ContainsKey(key)).Order(StringComparer.Ordinal).ToArray();
        var extra = actualByKey.Keys.Where(key => !expectedByKey.ContainsKey(key)).Order(StringComparer.Ordinal).ToArray();
        if (missing.Length > 0 || extra.Length > 0)
        {
            return $"{path}: keys differ (missing: [{string.Join(", ", missing)}], unexpected: [{string.Join(", ", extra)}])";
        }

        foreach (var (key, expectedValue) in expectedByKey.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            if (Compare(expectedValue, actualByKey[key], $"{path}.{key}") is { } difference)
            {
                return difference;
            }
        }

        return null;
    }

    private string? CompareArrays(JsonArray expected, JsonArray actual, string path)
    {
        if (expected.Count != actual.Count)
        {
            return $"{path}: {expected.Count} items expected, {actual.Count} found; " + Difference(path, expected, actual);
        }

        for (var index = 0; index < expected.Count; index++)
        {
            if (Compare(expected[index], actual[index], $"{path}[{index}]") is { } difference)
            {
                return difference;
            }
        }

        return null;
    }

    private string? CompareValues(JsonValue expected, JsonNode? actual, string path)
    {
        var expectedKind = expected.GetValueKind();
        var actualKind = actual?.GetValueKind() ?? JsonValueKind.Null;
        if (expectedKind == JsonValueKind.String && actualKind == JsonValueKind.String)
        {
            return StringsMatch(expected.GetValue<string>(), actual!.GetValue<string>())
                ? null
                : Difference(path, expected, actual);
        }

        if (expectedKind == JsonValueKind.Number && actualKind == JsonValueKind.Number)
        {
            return NumbersMatch(expected.ToJsonString(), actual!.ToJsonString()) ? null : Difference(path, expected, actual);
        }

        return expectedKind == actualKind ? null : Difference(path, expected, actual);
    }

    private bool StringsMatch(string expected, string actual)
    {
        expected = CanonicalPlaceholders(expected);
        actual = CanonicalPlaceholders(actual);
        if (string.Equals(expected, actual, StringComparison.Ordinal))
        {
            return true;
        }

        var tokens = anyTextTokens.Where(token => expected.Contains(token, StringComparison.Ordinal)).ToArray();
        if (tokens.Length > 0)
        {
            var pattern = Regex.Escape(expected);
            foreach (var token in tokens)
            {
                pattern = pattern.Replace(Regex.Escape(token), ".+", StringComparison.Ordinal);
            }

            if (Regex.IsMatch(actual, $"^{pattern}$", RegexOptions.Singleline | RegexOptions.CultureInvariant))
            {
                return true;
            }
        }

        return LooksLikeJsonText(expected) && LooksLikeJsonText(actual)
               && CanonicalJson.TryParse(expected, out var expectedJson)
               && CanonicalJson.TryParse(actual, out var actualJson)
               && Matches(expectedJson, actualJson);
    }

    private static bool LooksLikeJsonText(string text) =>
        text.Length > 0 && (text[0] is '[' or '{' or '"' or '-' || char.IsAsciiDigit(text[0]));

    private static bool NumbersMatch(string expected, string actual)
    {
        if (IsIntegerLiteral(expected) != IsIntegerLiteral(actual))
        {
            return false;
        }

        return decimal.TryParse(expected, NumberStyles.Float, CultureInfo.InvariantCulture, out var expectedDecimal)
               && decimal.TryParse(actual, NumberStyles.Float, CultureInfo.InvariantCulture, out var actualDecimal)
            ? expectedDecimal == actualDecimal
            : double.Parse(expected, CultureInfo.InvariantCulture).Equals(double.Parse(actual, CultureInfo.InvariantCulture));
    }

    private static bool IsIntegerLiteral(string number) => number.IndexOfAny(['.', 'e', 'E']) < 0;

    private static string CanonicalPlaceholders(string text) => NumberedPlaceholder().Replace(text, "<$1:#>");

    private static string Difference(string path, JsonNode? expected, JsonNode? actual) =>
        $"{path}: expected {Snippet(expected)}, actual {Snippet(actual)}";

    public static string Snippet(JsonNode? node, int maxLength = 300)
    {
        var text = node is null ? "null" : CanonicalJson.Write(node);
        return text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength), "...");
    }

    [GeneratedRegex(@"<([A-Za-z][A-Za-z0-9_-]*):\d+>", RegexOptions.CultureInvariant)]
    private static partial Regex NumberedPlaceholder();
}
