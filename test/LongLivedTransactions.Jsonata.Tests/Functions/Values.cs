using System.Globalization;
using System.Text;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Tests.Functions;

/// <summary>Builds values from JSON text and writes results as exact JSON (no output rounding) for comparisons.</summary>
internal static class Values
{
    public static object? Json(string json) => JsonataValue.Parse(json);

    public static JsonataArray Array(params object?[] items) => new(items);

    /// <summary>What the evaluator returns for a function result: an empty sequence is undefined, a singleton its item.</summary>
    public static object? Unwrapped(object? value) => value is JsonataArray { IsSequence: true } sequence
        ? sequence.Count switch
        {
            0 => null,
            1 => sequence[0],
            _ => sequence,
        }
        : value;

    /// <summary>Exact JSON: numbers as JavaScript writes them without JSONata's 15-digit rounding.</summary>
    public static string Exact(object? value)
    {
        var builder = new StringBuilder();
        Write(builder, value);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("undefined");
                break;
            case double number:
                builder.Append(double.IsFinite(number) ? JsonataJson.FormatNumber(number) : "null");
                break;
            case string text:
                JsonataJson.WriteString(builder, text);
                break;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                break;
            case JsonNull:
                builder.Append("null");
                break;
            case JsonataArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    builder.Append(i > 0 ? "," : string.Empty);
                    if (array[i] is null)
                    {
                        builder.Append("null");
                    }
                    else
                    {
                        Write(builder, array[i]);
                    }
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

                    builder.Append(first ? string.Empty : ",");
                    first = false;
                    JsonataJson.WriteString(builder, key);
                    builder.Append(':');
                    Write(builder, item);
                }

                builder.Append('}');
                break;
            default:
                builder.Append(CultureInfo.InvariantCulture, $"\"{value}\"");
                break;
        }
    }
}
