using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>Small typed readers for JSON fields.</summary>
internal static class JsonFields
{
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

    public static bool TryGetNumber(JsonNode? node, out double value)
    {
        if (node is JsonValue jsonValue && jsonValue.GetValueKind() == JsonValueKind.Number)
        {
            // Values built in code (not parsed) only convert to their own CLR type, so fall back to the JSON text.
            if (!jsonValue.TryGetValue(out value))
            {
                value = double.Parse(jsonValue.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
            }

            return true;
        }

        value = 0;
        return false;
    }

    /// <summary>A JSON number with no fractional part that fits a long.</summary>
    public static bool TryGetInteger(JsonNode? node, out long value)
    {
        if (TryGetNumber(node, out var number) && number == Math.Floor(number) && number is >= long.MinValue and <= long.MaxValue)
        {
            value = (long)number;
            return true;
        }

        value = 0;
        return false;
    }

    public static bool TryGetBoolean(JsonNode? node, out bool value)
    {
        if (node is JsonValue jsonValue && jsonValue.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            value = jsonValue.GetValue<bool>();
            return true;
        }

        value = false;
        return false;
    }

    public static string Describe(JsonNode? node) => node is null ? "null" : node.ToJsonString();
}
