using System.Globalization;
using System.Text;
using System.Text.Json;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Tests.Support;

/// <summary>
/// Reads JSON into the value model like <see cref="JsonataValue.FromJsonElement"/>, but keeps strings that hold a
/// lone surrogate (<c>"\ud800"</c>, which the suite uses): System.Text.Json refuses to read those as strings.
/// </summary>
internal static class JsonReading
{
    public static object? ToValue(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var map = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    map[PropertyName(property)] = ToValue(property.Value);
                }

                return map;
            case JsonValueKind.Array:
                var array = new JsonataArray(element.GetArrayLength());
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(ToValue(item));
                }

                return array;
            case JsonValueKind.String:
                return GetString(element);
            default:
                return JsonataValue.FromJsonElement(element);
        }
    }

    public static string GetString(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return Unescape(element.GetRawText());
        }
    }

    private static string PropertyName(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            var raw = property.ToString();
            return Unescape(raw[..(raw.IndexOf("\":", StringComparison.Ordinal) + 1)]);
        }
    }

    /// <summary>Decodes a JSON string literal (quotes included) without checking surrogate pairs.</summary>
    private static string Unescape(string literal)
    {
        var text = new StringBuilder(literal.Length);
        for (var i = 1; i < literal.Length - 1; i++)
        {
            var c = literal[i];
            if (c != '\\')
            {
                text.Append(c);
                continue;
            }

            var escape = literal[++i];
            switch (escape)
            {
                case 'u':
                    text.Append((char)int.Parse(literal.AsSpan(i + 1, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    i += 4;
                    break;
                case 'n':
                    text.Append('\n');
                    break;
                case 't':
                    text.Append('\t');
                    break;
                case 'r':
                    text.Append('\r');
                    break;
                case 'b':
                    text.Append('\b');
                    break;
                case 'f':
                    text.Append('\f');
                    break;
                default:
                    text.Append(escape);
                    break;
            }
        }

        return text.ToString();
    }
}
