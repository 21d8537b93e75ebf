using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Tests.Data.JsonPath;

/// <summary>One case of the RFC 9535 compliance test suite (jsonpath-compliance-test-suite).</summary>
internal sealed record Rfc9535Case(string Name, string Selector, bool InvalidSelector, JsonNode? Document, JsonArray? ExpectedAlternatives)
{
    private static readonly Lazy<IReadOnlyList<Rfc9535Case>> AllCases = new(Load);

    public static IReadOnlyList<Rfc9535Case> All => AllCases.Value;

    public static Rfc9535Case Named(string name) => All.Single(c => c.Name == name);

    /// <summary>True when <paramref name="actual"/> equals one of the result lists the RFC allows (object member order may vary).</summary>
    public bool IsExpected(JsonArray actual) =>
        ExpectedAlternatives is not null && ExpectedAlternatives.Any(alternative => JsonNode.DeepEquals(alternative, actual));

    private static List<Rfc9535Case> Load()
    {
        var cases = new List<Rfc9535Case>();
        foreach (var line in File.ReadLines(SharedConformanceData.PathOf("jsonpath/rfc9535-cts.jsonl")))
        {
            var node = JsonNode.Parse(line)!.AsObject();
            var expected = node["expected"] as JsonArray;
            cases.Add(new Rfc9535Case(
                (string)node["name"]!,
                (string)node["selector"]!,
                (bool)node["invalid_selector"]!,
                node["document"]?.DeepClone(),
                (JsonArray?)expected?.DeepClone()));
        }

        return cases;
    }
}
