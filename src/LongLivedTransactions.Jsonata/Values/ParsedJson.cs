using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.Jsonata.Values;

/// <summary>
/// The parsed JSON behind a node, when it still has it. System.Text.Json keeps a parsed object or array as its
/// <see cref="JsonElement"/> until one of its members is read (then it builds the member nodes and drops the element),
/// and a parsed string, number or boolean as its element for good. Reading the element instead of the members spares
/// building a tree that is only looked at once.
/// </summary>
public static class ParsedJson
{
    /// <summary>True, with the element, when the node is parsed JSON whose members have not been read.</summary>
    public static bool TryGetElement([NotNullWhen(true)] JsonNode? node, out JsonElement element)
    {
        JsonElement? parsed = node switch
        {
            JsonObject jsonObject => ObjectElement(jsonObject),
            JsonArray jsonArray => ArrayElement(jsonArray),
            JsonValue jsonValue when jsonValue.TryGetValue(out JsonElement value) => value,
            _ => null,
        };
        element = parsed.GetValueOrDefault();
        return parsed.HasValue;
    }

    // No public member tells whether the members were built: the element is read from the field that holds it until
    // then (ParsedJsonTests check that the field is still there and still means that).
    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_jsonElement")]
    private static extern ref JsonElement? ObjectElement(JsonObject jsonObject);

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_jsonElement")]
    private static extern ref JsonElement? ArrayElement(JsonArray jsonArray);
}
