using System.Text.Json;
using LongLivedTransactions.Jsonata.Tests.Support;

namespace LongLivedTransactions.Jsonata.Tests.Conformance;

/// <summary>One case of the official JSONata 2.0.6 suite, as flattened into <c>cases.jsonl</c>.</summary>
internal sealed record SuiteCase(
    string Name,
    string Group,
    string Expression,
    JsonElement? Data,
    bool DataUndefined,
    IReadOnlyDictionary<string, JsonElement> Bindings,
    JsonElement? Result,
    bool UndefinedResult,
    bool Unordered,
    string? Code,
    string? Token,
    JsonElement? Error,
    int? TimeLimitMilliseconds,
    int? Depth)
{
    public static SuiteCase Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        var root = document.RootElement;
        var bindings = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (root.TryGetProperty("bindings", out var bindingsElement) && bindingsElement.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in bindingsElement.EnumerateObject())
            {
                bindings[property.Name] = property.Value.Clone();
            }
        }

        return new SuiteCase(
            Name: root.GetProperty("name").GetString()!,
            Group: root.GetProperty("group").GetString()!,
            Expression: JsonReading.GetString(root.GetProperty("expr")),
            Data: Optional(root, "data"),
            DataUndefined: Flag(root, "data_undefined"),
            Bindings: bindings,
            Result: Optional(root, "result"),
            UndefinedResult: Flag(root, "undefinedResult"),
            Unordered: Flag(root, "unordered"),
            Code: Text(root, "code"),
            Token: Text(root, "token"),
            Error: Optional(root, "error") is { ValueKind: JsonValueKind.Object } error ? error : null,
            TimeLimitMilliseconds: Integer(root, "timelimit"),
            Depth: Integer(root, "depth"));
    }

    private static JsonElement? Optional(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value.Clone() : null;

    private static bool Flag(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? JsonReading.GetString(value) : null;

    private static int? Integer(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : null;
}
