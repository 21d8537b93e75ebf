using System.Globalization;
using System.Text;
using System.Text.Json;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Tests.Support;

/// <summary>
/// A canonical text of a value, for comparing results: JSON, except that undefined is written
/// <c>undefined</c> (so it differs from <c>null</c>), a function <c>&lt;function&gt;</c> and a non-finite number
/// <c>Infinity</c>, <c>-Infinity</c> or <c>NaN</c>. Numbers are written in shortest round-trip form, so two texts
/// are equal exactly when the doubles are.
/// </summary>
internal static class ValueText
{
    /// <summary>The text of one of our values.</summary>
    /// <param name="sortKeys">
    /// Whether object keys are written in ordinal order: for every object (the suite's deep equality ignores key
    /// order), or only for objects with an integer-like key (whose order JavaScript changes), or never.
    /// </param>
    public static string Of(object? value, KeyOrder sortKeys = KeyOrder.Insertion)
    {
        var text = new StringBuilder();
        Write(text, value, sortKeys);
        return text.ToString();
    }

    /// <summary>The text of a JSON element in the same form (tagged values as the node script writes them).</summary>
    public static string Of(JsonElement element, KeyOrder sortKeys = KeyOrder.Insertion) => Of(FromTagged(element), sortKeys);

    /// <summary>
    /// Reads JSON in which the node script tagged what JSON cannot hold: <c>{"__undefined__":1}</c>,
    /// <c>{"__function__":1}</c> and <c>{"__number__":"Infinity"}</c>.
    /// </summary>
    public static object? FromTagged(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                if (TryGetOnlyProperty(element, out var name, out var tagged))
                {
                    switch (name)
                    {
                        case "__undefined__":
                            return null;
                        case "__function__":
                            return FunctionMarker.Instance;
                        case "__number__":
                            return double.Parse(tagged.GetString()!, CultureInfo.InvariantCulture);
                    }
                }

                var map = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    map[property.Name] = FromTagged(property.Value);
                }

                return map;
            case JsonValueKind.Array:
                var array = new JsonataArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(FromTagged(item));
                }

                return array;
            default:
                return JsonReading.ToValue(element);
        }
    }

    private static bool TryGetOnlyProperty(JsonElement element, out string name, out JsonElement value)
    {
        name = "";
        value = default;
        var count = 0;
        foreach (var property in element.EnumerateObject())
        {
            count++;
            name = property.Name;
            value = property.Value;
        }

        return count == 1 && name.StartsWith("__", StringComparison.Ordinal);
    }

    private static void Write(StringBuilder text, object? value, KeyOrder sortKeys)
    {
        switch (value)
        {
            case null:
                text.Append("undefined");
                break;
            case JsonNull:
                text.Append("null");
                break;
            case bool flag:
                text.Append(flag ? "true" : "false");
                break;
            case double number:
                text.Append(Number(number));
                break;
            case string str:
                text.Append(JsonSerializer.Serialize(str));
                break;
            case JsonataArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(',');
                    }

                    Write(text, array[i], sortKeys);
                }

                text.Append(']');
                break;
            case OrderedDictionary<string, object?> map:
                IEnumerable<KeyValuePair<string, object?>> entries = map;
                if (sortKeys == KeyOrder.Sorted || (sortKeys == KeyOrder.SortedWhenIntegerLike && map.Keys.Any(IsIntegerLike)))
                {
                    entries = map.OrderBy(entry => entry.Key, StringComparer.Ordinal);
                }

                text.Append('{');
                var first = true;
                foreach (var (key, item) in entries)
                {
                    // JSON.stringify and deep equality both leave out a key whose value is undefined.
                    if (item is null)
                    {
                        continue;
                    }

                    if (!first)
                    {
                        text.Append(',');
                    }

                    first = false;
                    text.Append(JsonSerializer.Serialize(key)).Append(':');
                    Write(text, item, sortKeys);
                }

                text.Append('}');
                break;
            case JsonataFunction or FunctionMarker:
                text.Append("<function>");
                break;
            default:
                text.Append(CultureInfo.InvariantCulture, $"<{value.GetType().Name}>");
                break;
        }
    }

    private static string Number(double number)
    {
        if (double.IsNaN(number))
        {
            return "NaN";
        }

        if (double.IsInfinity(number))
        {
            return number > 0 ? "Infinity" : "-Infinity";
        }

        // Negative zero is zero in JSON.
        return number == 0 ? "0" : number.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>A key JavaScript orders before the others (an array index).</summary>
    public static bool IsIntegerLike(string key) =>
        key.Length > 0 && key.Length <= 10 && key.All(char.IsAsciiDigit) && (key == "0" || key[0] != '0')
        && ulong.Parse(key, CultureInfo.InvariantCulture) < uint.MaxValue;

    /// <summary>Stands for a function in a reference result (which cannot carry the function itself).</summary>
    private sealed class FunctionMarker
    {
        public static readonly FunctionMarker Instance = new();
    }
}

internal enum KeyOrder
{
    Insertion,
    SortedWhenIntegerLike,
    Sorted,
}
