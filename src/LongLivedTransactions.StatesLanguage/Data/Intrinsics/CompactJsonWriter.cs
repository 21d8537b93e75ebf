using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Data.JsonPath;

namespace LongLivedTransactions.StatesLanguage.Data.Intrinsics;

/// <summary>
/// JSON text without spaces, escaping only what JSON requires (quote, backslash, control
/// characters), as States.JsonToString prints it: <c>{"Arg1":1,"Arg2":[]}</c>. Numbers other
/// than integers print as Java doubles, like States.Format prints them.
/// </summary>
internal static class CompactJsonWriter
{
    public static string Write(JsonNode? node)
    {
        var builder = new StringBuilder();
        Append(builder, node);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (name, value) in obj)
                {
                    if (!first)
                    {
                        builder.Append(',');
                    }

                    first = false;
                    AppendString(builder, name);
                    builder.Append(':');
                    Append(builder, value);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    Append(builder, array[i]);
                }

                builder.Append(']');
                break;
            default:
                switch (node.GetValueKind())
                {
                    case JsonValueKind.String:
                        AppendString(builder, node.GetValue<string>());
                        break;
                    case JsonValueKind.Number:
                        // Numbers as the Java values AWS holds them in print: 1.10 as 1.1, 1e2 as 100.0.
                        builder.Append(JavaValueFormatter.FormatNumber(node));
                        break;
                    default:
                        builder.Append(node.ToJsonString());
                        break;
                }

                break;
        }
    }

    public static void AppendString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < ' ')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}
