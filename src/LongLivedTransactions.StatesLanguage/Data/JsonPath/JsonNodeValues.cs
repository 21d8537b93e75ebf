using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Data.JsonPath;

/// <summary>Small questions about JSON values that path filters and intrinsic functions both ask.</summary>
internal static class JsonNodeValues
{
    public static JsonValueKind KindOf(JsonNode? node) => node switch
    {
        null => JsonValueKind.Null,
        JsonObject => JsonValueKind.Object,
        JsonArray => JsonValueKind.Array,
        _ => node.GetValueKind(),
    };

    public static bool IsNumber(JsonNode? node) => node is JsonValue && node.GetValueKind() == JsonValueKind.Number;

    public static bool IsString(JsonNode? node) => node is JsonValue && node.GetValueKind() == JsonValueKind.String;

    public static bool IsBoolean(JsonNode? node) =>
        node is JsonValue && node.GetValueKind() is JsonValueKind.True or JsonValueKind.False;

    public static bool TryGetString(JsonNode? node, out string value)
    {
        if (node is JsonValue jsonValue && jsonValue.GetValueKind() == JsonValueKind.String)
        {
            value = jsonValue.GetValue<string>();
            return true;
        }

        value = string.Empty;
        return false;
    }

    /// <summary>The number as a decimal when it fits exactly enough; false for non-numbers and huge values.</summary>
    public static bool TryGetDecimal(JsonNode? node, out decimal value)
    {
        value = 0;
        if (!IsNumber(node))
        {
            return false;
        }

        var jsonValue = (JsonValue)node!;
        if (jsonValue.TryGetValue(out value))
        {
            return true;
        }

        if (jsonValue.TryGetValue(out long asLong))
        {
            value = asLong;
            return true;
        }

        if (jsonValue.TryGetValue(out int asInt))
        {
            value = asInt;
            return true;
        }

        var asDouble = GetDouble(node);
        if (double.IsFinite(asDouble) && Math.Abs(asDouble) < 7.9e27)
        {
            value = (decimal)asDouble;
            return true;
        }

        return false;
    }

    public static double GetDouble(JsonNode? node)
    {
        var jsonValue = (JsonValue)node!;
        if (jsonValue.TryGetValue(out double asDouble))
        {
            return asDouble;
        }

        if (jsonValue.TryGetValue(out decimal asDecimal))
        {
            return (double)asDecimal;
        }

        if (jsonValue.TryGetValue(out long asLong))
        {
            return asLong;
        }

        if (jsonValue.TryGetValue(out int asInt))
        {
            return asInt;
        }

        if (jsonValue.TryGetValue(out float asFloat))
        {
            return asFloat;
        }

        return double.Parse(jsonValue.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Compares two JSON numbers by value (1 and 1.0 are equal).</summary>
    public static int CompareNumbers(JsonNode left, JsonNode right)
    {
        if (TryGetDecimal(left, out var l) && TryGetDecimal(right, out var r))
        {
            return l.CompareTo(r);
        }

        return GetDouble(left).CompareTo(GetDouble(right));
    }

    /// <summary>Structural equality; numbers compare by value, object member order does not matter.</summary>
    public static bool DeepEquals(JsonNode? left, JsonNode? right)
    {
        var kind = KindOf(left);
        if (kind != KindOf(right))
        {
            return false;
        }

        switch (kind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.True:
            case JsonValueKind.False:
                return true;
            case JsonValueKind.Number:
                return CompareNumbers(left!, right!) == 0;
            case JsonValueKind.String:
                return string.Equals(left!.GetValue<string>(), right!.GetValue<string>(), StringComparison.Ordinal);
            case JsonValueKind.Array:
                var leftArray = (JsonArray)left!;
                var rightArray = (JsonArray)right!;
                if (leftArray.Count != rightArray.Count)
                {
                    return false;
                }

                for (var i = 0; i < leftArray.Count; i++)
                {
                    if (!DeepEquals(leftArray[i], rightArray[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Object:
                var leftObject = (JsonObject)left!;
                var rightObject = (JsonObject)right!;
                if (leftObject.Count != rightObject.Count)
                {
                    return false;
                }

                foreach (var (name, value) in leftObject)
                {
                    if (!rightObject.TryGetPropertyValue(name, out var other) || !DeepEquals(value, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>A copy that can be attached to another parent (JSON null stays null).</summary>
    public static JsonNode? Clone(JsonNode? node) => node?.DeepClone();
}
