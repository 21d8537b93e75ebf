using System.Globalization;
using System.Text;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Evaluation;

/// <summary>Casts a value to a string as <c>$string</c> does (used by <c>&amp;</c> and transforms).</summary>
internal static class StringCast
{
    public static string ToJsonataString(object? value)
    {
        var builder = new StringBuilder();
        Write(value, builder);
        return builder.ToString();
    }

    private static string Quote(string text) => "\"" + System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping.Encode(text) + "\"";

    private static void Write(object? value, StringBuilder builder)
    {
        switch (value)
        {
            case string text when builder.Length == 0:
                builder.Append(text);
                break;
            case string text:
                builder.Append(Quote(text));
                break;
            case double number:
                if (!double.IsFinite(number))
                {
                    throw new JsonataException("D3001", "Attempting to invoke string function on Infinity or NaN", value: number);
                }

                builder.Append(number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                break;
            case JsonataArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Write(array[i] ?? JsonNull.Value, builder);
                }

                builder.Append(']');
                break;
            case OrderedDictionary<string, object?> map:
                builder.Append('{');
                var first = true;
                foreach (var (key, item) in map)
                {
                    if (item is null)
                    {
                        continue;
                    }

                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    builder.Append(Quote(key)).Append(':');
                    Write(item, builder);
                }

                builder.Append('}');
                break;
            case JsonataFunction:
                builder.Append("\"\"");
                break;
            default:
                builder.Append("null");
                break;
        }
    }
}
