using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Normalisation;

/// <summary>
/// The replacements the recording made on the serialised document (names, region, references, dates),
/// kept in the order they were registered and applied to every string and object key.
/// </summary>
internal sealed class TextSubstitutions
{
    private readonly List<Func<string, string>> _substitutions = [];
    private readonly HashSet<string> _registeredReferences = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _referenceCounters = new(StringComparer.Ordinal);

    public void Add(Func<string, string> substitution) => _substitutions.Add(substitution);

    /// <summary>
    /// Replaces every occurrence of <paramref name="value"/> by <c>&lt;name:N&gt;</c>, N counting per name.
    /// A value is registered once, whatever name asks first.
    /// </summary>
    public void AddReference(string value, string name)
    {
        if (!_registeredReferences.Add(value))
        {
            return;
        }

        _referenceCounters[name] = _referenceCounters.GetValueOrDefault(name) + 1;
        var placeholder = $"<{name}:{_referenceCounters[name]}>";

        // The recording searched the serialised text (ASCII-escaped JSON) for the value with only its
        // quotes escaped, so a value holding a backslash, a control or a non-ASCII character was never found.
        if (value.Length == 0 || value.Any(character => character is < ' ' or > '~' or '\\'))
        {
            return;
        }

        _substitutions.Add(text => text.Replace(value, placeholder, StringComparison.Ordinal));
    }

    public string ApplyTo(string text)
    {
        foreach (var substitution in _substitutions)
        {
            text = substitution(text);
        }

        return text;
    }

    /// <summary>A copy of <paramref name="node"/> with every string value and object key substituted.</summary>
    public JsonNode? ApplyToTree(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var copy = new JsonObject();
                foreach (var (name, value) in obj)
                {
                    // Later duplicates win, as when the recording parsed its substituted text back.
                    copy[ApplyTo(name)] = ApplyToTree(value);
                }

                return copy;
            case JsonArray array:
                return new JsonArray(array.Select(ApplyToTree).ToArray());
            case JsonValue value when value.TryGetValue<string>(out var text):
                return JsonValue.Create(ApplyTo(text));
            default:
                return node?.DeepClone();
        }
    }
}
