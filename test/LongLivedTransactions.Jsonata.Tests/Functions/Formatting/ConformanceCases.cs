using System.Text.Json;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Tests.Functions.Formatting;

/// <summary>One case of the official JSONata test suite (shared/conformance/jsonata/cases.jsonl).</summary>
internal sealed record ConformanceCase(
    string Name,
    string Group,
    string Expression,
    object? Data,
    bool ExpectsUndefined,
    string? ExpectedCode,
    object? ExpectedResult,
    IReadOnlyDictionary<string, object?> Bindings);

/// <summary>Reads the suite's cases of some groups; the file sits in the shared folder beside the repository.</summary>
internal static class ConformanceCases
{
    public static string? FindFile()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "conformance", "jsonata", "cases.jsonl");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The cases of <paramref name="groups"/> (other groups are not decoded: some hold lone surrogates).</summary>
    public static List<ConformanceCase> Load(IReadOnlyCollection<string> groups)
    {
        var path = FindFile() ?? throw new FileNotFoundException("shared/conformance/jsonata/cases.jsonl not found above the test directory");
        var cases = new List<ConformanceCase>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (!groups.Contains(root.GetProperty("group").GetString()!))
            {
                continue;
            }

            var outcome = root.GetProperty("outcome").GetString();
            var dataUndefined = root.TryGetProperty("data_undefined", out var flag) && flag.ValueKind == JsonValueKind.True;
            cases.Add(new ConformanceCase(
                root.GetProperty("name").GetString()!,
                root.GetProperty("group").GetString()!,
                root.GetProperty("expr").GetString()!,
                dataUndefined || !root.TryGetProperty("data", out var data) ? null : JsonataValue.FromJsonElement(data),
                root.TryGetProperty("undefinedResult", out var undefinedResult) && undefinedResult.ValueKind == JsonValueKind.True,
                outcome == "error" && root.TryGetProperty("code", out var code) ? code.GetString() : null,
                outcome == "result" && root.TryGetProperty("result", out var result) ? JsonataValue.FromJsonElement(result) : null,
                ReadBindings(root)));
        }

        return cases;
    }

    private static Dictionary<string, object?> ReadBindings(JsonElement root)
    {
        var bindings = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (root.TryGetProperty("bindings", out var element) && element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                bindings[property.Name] = JsonataValue.FromJsonElement(property.Value);
            }
        }

        return bindings;
    }
}
