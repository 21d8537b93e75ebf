using System.Text.Json;

namespace LongLivedTransactions.Cdk.Tests.Fixtures;

/// <summary>The context (feature flags) of the repository's cdk.json, so that tests synthesize what `cdk synth` does.</summary>
public static class CdkJsonContext
{
    public static Dictionary<string, object> Load(string repositoryRoot)
    {
        using JsonDocument cdkJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(repositoryRoot, "cdk.json")));
        var context = new Dictionary<string, object>(StringComparer.Ordinal);
        if (cdkJson.RootElement.TryGetProperty("context", out JsonElement entries))
        {
            foreach (JsonProperty entry in entries.EnumerateObject())
            {
                context[entry.Name] = ToPlainValue(entry.Value);
            }
        }

        return context;
    }

    // jsii passes plain .NET values to the CDK, not JsonElement.
    private static object ToPlainValue(JsonElement value) =>
        value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetDouble(),
            JsonValueKind.Array => value.EnumerateArray().Select(ToPlainValue).ToArray(),
            _ => throw new NotSupportedException($"cdk.json context value of kind {value.ValueKind} is not supported by the tests."),
        };
}
