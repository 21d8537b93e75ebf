using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.Jsonata.Values;

/// <summary>
/// The value model and its conversions. A value is one of: C# <c>null</c> (undefined), <see cref="JsonNull"/>,
/// <see cref="double"/>, <see cref="string"/>, <see cref="bool"/>, <see cref="JsonataArray"/>,
/// <see cref="OrderedDictionary{TKey,TValue}"/> of string to value (an object, keys in insertion order) or
/// <see cref="JsonataFunction"/>.
/// </summary>
public static class JsonataValue
{
    public static readonly object True = true;
    public static readonly object False = false;

    public static object Boolean(bool value) => value ? True : False;

    public static bool IsNumber(object? value) => value is double;

    public static bool IsString(object? value) => value is string;

    public static bool IsArray(object? value) => value is JsonataArray;

    public static bool IsObject(object? value) => value is OrderedDictionary<string, object?>;

    public static bool IsFunction(object? value) => value is JsonataFunction;

    /// <summary>An array (or sequence) whose items are all strings.</summary>
    public static bool IsArrayOfStrings(object? value) => value is JsonataArray array && array.TrueForAll(item => item is string);

    /// <summary>An array (or sequence) whose items are all numbers.</summary>
    public static bool IsArrayOfNumbers(object? value) => value is JsonataArray array && array.TrueForAll(item => item is double);

    /// <summary>JSONata's truthiness (<c>$boolean</c>): undefined when the value is undefined.</summary>
    public static bool? ToBoolean(object? value)
    {
        switch (value)
        {
            case null:
                return null;
            case JsonataArray array:
                if (array.Count == 1)
                {
                    return ToBoolean(array[0]);
                }

                foreach (var item in array)
                {
                    if (ToBoolean(item) == true)
                    {
                        return true;
                    }
                }

                return false;
            case string text:
                return text.Length > 0;
            case double number:
                return number != 0 && !double.IsNaN(number);
            case bool flag:
                return flag;
            case OrderedDictionary<string, object?> map:
                return map.Count > 0;
            case JsonataFunction:
                return false;
            default:
                return false; // JsonNull
        }
    }

    /// <summary>Structural equality, as the <c>=</c> operator and <c>$distinct</c> use it.</summary>
    public static bool DeepEquals(object? left, object? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        switch (left)
        {
            case double a when right is double b:
                return a == b;
            case string a when right is string b:
                return string.Equals(a, b, StringComparison.Ordinal);
            case bool a when right is bool b:
                return a == b;
            case JsonataArray a when right is JsonataArray b:
                if (a.Count != b.Count)
                {
                    return false;
                }

                for (var i = 0; i < a.Count; i++)
                {
                    if (!DeepEquals(a[i], b[i]))
                    {
                        return false;
                    }
                }

                return true;
            case OrderedDictionary<string, object?> a when right is OrderedDictionary<string, object?> b:
                if (a.Count != b.Count)
                {
                    return false;
                }

                foreach (var (key, value) in a)
                {
                    if (!b.TryGetValue(key, out var other) || !DeepEquals(value, other))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return false;
        }
    }

    /// <summary>Parses JSON text into the value model.</summary>
    public static object? Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return FromJsonElement(document.RootElement);
    }

    public static object? FromJsonElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    map[property.Name] = FromJsonElement(property.Value);
                }

                return map;
            case JsonValueKind.Array:
                var array = new JsonataArray(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(FromJsonElement(item));
                }

                return array;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.GetDouble();
            case JsonValueKind.True:
                return True;
            case JsonValueKind.False:
                return False;
            case JsonValueKind.Undefined:
                return null;
            default:
                return JsonNull.Value;
        }
    }

    /// <summary>Converts a JSON node; a C# null node is JSON null (there is no undefined in System.Text.Json).</summary>
    public static object? FromJsonNode(JsonNode? node)
    {
        if (node is JsonObject or JsonArray && ParsedJson.TryGetElement(node, out var parsed))
        {
            // Still the text it was parsed from: converted from there, without building its member nodes first.
            return FromJsonElement(parsed);
        }

        switch (node)
        {
            case null:
                return JsonNull.Value;
            case JsonObject jsonObject:
                // Indexed: a foreach over a JSON object or array allocates an enumerator.
                var map = new OrderedDictionary<string, object?>(jsonObject.Count, StringComparer.Ordinal);
                for (var i = 0; i < jsonObject.Count; i++)
                {
                    var (key, value) = jsonObject.GetAt(i);
                    map[key] = FromJsonNode(value);
                }

                return map;
            case JsonArray jsonArray:
                var array = new JsonataArray(jsonArray.Count);
                for (var i = 0; i < jsonArray.Count; i++)
                {
                    array.Add(FromJsonNode(jsonArray[i]));
                }

                return array;
            default:
                var jsonValue = node.AsValue();
                return jsonValue.GetValueKind() switch
                {
                    JsonValueKind.String => jsonValue.GetValue<string>(),
                    JsonValueKind.Number => jsonValue.TryGetValue(out double number) ? number : double.Parse(jsonValue.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture),
                    JsonValueKind.True => True,
                    JsonValueKind.False => False,
                    _ => JsonNull.Value,
                };
        }
    }

    /// <summary>
    /// Converts a value to a JSON node. Undefined becomes C# null, like JSON null: check for undefined before
    /// converting where the difference matters. Functions become empty strings, as JSON.stringify does in jsonata-js.
    /// </summary>
    public static JsonNode? ToJsonNode(object? value)
    {
        switch (value)
        {
            case null:
            case JsonNull:
                return null;
            case double number:
                return JsonValue.Create(number);
            case string text:
                return JsonValue.Create(text);
            case bool flag:
                return JsonValue.Create(flag);
            case JsonataArray array:
                var items = new JsonNode?[array.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = ToJsonNode(array[i]);
                }

                return new JsonArray(items);
            case OrderedDictionary<string, object?> map:
                var defined = 0;
                foreach (var (_, item) in map)
                {
                    defined += item is null ? 0 : 1;
                }

                // Given all at once, the object is made at its size instead of growing with each property.
                var properties = new KeyValuePair<string, JsonNode?>[defined];
                var at = 0;
                foreach (var (key, item) in map)
                {
                    if (item is not null)
                    {
                        properties[at++] = new(key, ToJsonNode(item));
                    }
                }

                return new JsonObject(properties);
            default:
                return JsonValue.Create(string.Empty);
        }
    }

    /// <summary>
    /// True when <c>ToJsonNode(FromJsonNode(node))</c> would write the same JSON text as <paramref name="node"/>: every
    /// number is a double already, or parsed text that its double writes with the same characters (14.5 or 100, but not
    /// 1.0, 1e2 or an integer beyond a double's precision). Such a value can stand for its own conversion.
    /// </summary>
    public static bool IsNormalized(JsonNode? node)
    {
        if (ParsedJson.TryGetElement(node, out var parsed))
        {
            return IsNormalized(parsed);
        }

        switch (node)
        {
            case null:
                return true;
            case JsonObject jsonObject:
                for (var i = 0; i < jsonObject.Count; i++)
                {
                    if (!IsNormalized(jsonObject.GetAt(i).Value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray jsonArray:
                for (var i = 0; i < jsonArray.Count; i++)
                {
                    if (!IsNormalized(jsonArray[i]))
                    {
                        return false;
                    }
                }

                return true;
            default:
                // The kind first: asking a value for a .NET type it does not hold allocates.
                var value = node.AsValue();
                return value.GetValueKind() switch
                {
                    JsonValueKind.String => value.TryGetValue(out string? _),
                    JsonValueKind.True or JsonValueKind.False => value.TryGetValue(out bool _),
                    JsonValueKind.Number => value.TryGetValue(out double _) || value.TryGetValue(out int _),
                    _ => false,
                };
        }
    }

    private static bool IsNormalized(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsNormalized(property.Value))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (!IsNormalized(item))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Number:
                return WritesAsItsDouble(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element));
            default:
                return true;
        }
    }

    // The conversion parses the number as a double, which writes itself in its shortest round-trip form.
    private static bool WritesAsItsDouble(ReadOnlySpan<byte> number)
    {
        if (IsShortPlainDecimal(number))
        {
            return true;
        }

        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            return false;
        }

        // 32 bytes hold any double's shortest form ("-1.7976931348623157E+308" is the longest).
        Span<byte> written = stackalloc byte[32];
        return value.TryFormat(written, out var length, default, CultureInfo.InvariantCulture) && written[..length].SequenceEqual(number);
    }

    // A plain decimal of at most 15 significant digits, without zeros at the end of its fraction, at least 0.0001 when
    // it is below 1: the double nearest to it writes those very digits (15 digits always survive the round trip, so no
    // shorter form exists) in plain notation (.NET writes 0.0001 so, not 1E-05, and every number below 1E+15). Told
    // without parsing: most numbers in state data are such, and parsing and writing each of them cost a seventh of a
    // JSONata state's time.
    private static bool IsShortPlainDecimal(ReadOnlySpan<byte> number)
    {
        const int MaxDigits = 15;
        var unsigned = number.Length > 0 && number[0] == '-' ? number[1..] : number;
        var integerDigits = unsigned.IndexOfAnyExceptInRange((byte)'0', (byte)'9');
        if (integerDigits < 0)
        {
            integerDigits = unsigned.Length;
        }

        if (integerDigits == 0 || (integerDigits > 1 && unsigned[0] == '0'))
        {
            return false;
        }

        if (integerDigits == unsigned.Length)
        {
            return integerDigits <= MaxDigits;
        }

        var fraction = unsigned[(integerDigits + 1)..];
        if (unsigned[integerDigits] != '.' || fraction.IsEmpty || fraction.ContainsAnyExceptInRange((byte)'0', (byte)'9') || fraction[^1] == '0')
        {
            return false;
        }

        if (unsigned[0] != '0')
        {
            return integerDigits + fraction.Length <= MaxDigits;
        }

        var zeros = fraction.IndexOfAnyExcept((byte)'0');
        return zeros <= 3 && fraction.Length - zeros <= MaxDigits;
    }

    /// <summary>
    /// A tree of its own that writes the JSON text <c>ToJsonNode(FromJsonNode(node))</c> would write (numbers as
    /// doubles), built without the values in between: for a value an expression hands on as it is.
    /// </summary>
    public static JsonNode? Normalize(JsonNode? node) =>
        // One that writes as its conversion would already: a plain copy is the cheapest tree of its own.
        IsNormalized(node) ? node?.DeepClone() : Rebuild(node);

    /// <summary>
    /// <see cref="Normalize"/> for a node <see cref="IsNormalized"/> has said no to: rebuilt member by member (each
    /// member normalized in turn), without checking the whole node again.
    /// </summary>
    public static JsonNode? Rebuild(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject jsonObject:
                var properties = new KeyValuePair<string, JsonNode?>[jsonObject.Count];
                for (var i = 0; i < properties.Length; i++)
                {
                    var (key, item) = jsonObject.GetAt(i);
                    properties[i] = new(key, Normalize(item));
                }

                return new JsonObject(properties);
            case JsonArray jsonArray:
                var items = new JsonNode?[jsonArray.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = Normalize(jsonArray[i]);
                }

                return new JsonArray(items);
            default:
                return ToJsonNode(FromJsonNode(node));
        }
    }
}
