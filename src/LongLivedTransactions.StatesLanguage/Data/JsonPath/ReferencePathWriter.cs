using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Data.JsonPath;

/// <summary>
/// Writes a value at a reference path the way ResultPath does: objects missing along the way (or
/// null) are created, an existing value is replaced, and anything else in the way is an error.
/// </summary>
internal static class ReferencePathWriter
{
    public static JsonNode? SetValue(JsonPathExpression path, PathSegment[] segments, JsonNode? document, JsonNode? value)
    {
        if (value?.Parent is not null)
        {
            value = value.DeepClone();
        }

        if (segments.Length == 0)
        {
            return value;
        }

        if (document is not JsonObject && document is not JsonArray)
        {
            // Only a container can take a member: a string, number, boolean or null input cannot.
            throw Blocked(path, 0, document, segments[0] is PropertySegment ? "an object" : "an array");
        }

        var container = document;
        for (var i = 0; i < segments.Length - 1; i++)
        {
            container = Step(path, segments, i, container);
        }

        Assign(path, segments, segments.Length - 1, container, value);
        return document;
    }

    private static JsonNode Step(JsonPathExpression path, PathSegment[] segments, int i, JsonNode container)
    {
        var nextIsName = segments[i + 1] is PropertySegment;
        switch (segments[i])
        {
            case PropertySegment property when container is JsonObject obj:
                var name = property.Names[0];
                obj.TryGetPropertyValue(name, out var child);
                if (child is null)
                {
                    if (!nextIsName)
                    {
                        throw Blocked(path, i + 1, child, "an array");
                    }

                    child = new JsonObject();
                    obj[name] = child;
                }

                return child is JsonObject or JsonArray ? child : throw Blocked(path, i + 1, child, nextIsName ? "an object" : "an array");
            case IndexSegment index when container is JsonArray array:
                var position = index.Indexes[0];
                if (position >= array.Count)
                {
                    throw new JsonPathEvaluationException($"Cannot write to '{path.Text}': index {position} is out of bounds in {path.Normalize(i)} (length {array.Count}).");
                }

                var element = array[position];
                if (element is null && nextIsName)
                {
                    element = new JsonObject();
                    array[position] = element;
                }

                return element is JsonObject or JsonArray ? element : throw Blocked(path, i + 1, element, nextIsName ? "an object" : "an array");
            default:
                throw Blocked(path, i, container, segments[i] is PropertySegment ? "an object" : "an array");
        }
    }

    private static void Assign(JsonPathExpression path, PathSegment[] segments, int i, JsonNode container, JsonNode? value)
    {
        switch (segments[i])
        {
            case PropertySegment property when container is JsonObject obj:
                obj[property.Names[0]] = value;
                break;
            case IndexSegment index when container is JsonArray array:
                var position = index.Indexes[0];
                if (position >= array.Count)
                {
                    throw new JsonPathEvaluationException($"Cannot write to '{path.Text}': index {position} is out of bounds in {path.Normalize(i)} (length {array.Count}).");
                }

                array[position] = value;
                break;
            default:
                throw Blocked(path, i, container, segments[i] is PropertySegment ? "an object" : "an array");
        }
    }

    private static JsonPathEvaluationException Blocked(JsonPathExpression path, int segment, JsonNode? found, string needed) =>
        new($"Cannot write to '{path.Text}': {path.Normalize(segment)} is {Describe(found)}, not {needed}.");

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => $"the value {node.ToJsonString()}",
    };
}
