using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Data.JsonPath;

/// <summary>
/// Writes a JSON value the way Java's <c>toString()</c> prints the Map/List/Integer/Double objects
/// AWS Step Functions holds it in: <c>{Id=1, Tags=[a, b]}</c>, <c>1.0</c>, <c>1.0E7</c>. AWS shows
/// values in this form in States.Format results and in some error causes.
/// </summary>
internal static class JavaValueFormatter
{
    public static string Format(JsonNode? node)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }

        var builder = new StringBuilder();
        Append(builder, node);
        return builder.ToString();
    }

    public static void Append(StringBuilder builder, JsonNode? node)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var (name, member) in obj)
                {
                    if (!first)
                    {
                        builder.Append(", ");
                    }

                    first = false;
                    builder.Append(name).Append('=');
                    Append(builder, member);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Append(builder, array[i]);
                }

                builder.Append(']');
                break;
            default:
                AppendScalar(builder, node);
                break;
        }
    }

    /// <summary>The Java class AWS's JSON library would hold this value in (for Jayway error messages).</summary>
    public static string JavaClassName(JsonNode? node) => JsonNodeValues.KindOf(node) switch
    {
        JsonValueKind.Null => "null",
        JsonValueKind.String => "java.lang.String",
        JsonValueKind.True or JsonValueKind.False => "java.lang.Boolean",
        JsonValueKind.Array => "java.util.ArrayList",
        JsonValueKind.Object => "java.util.LinkedHashMap",
        JsonValueKind.Number when IsIntegral(node!) => "java.lang.Integer",
        _ => "java.lang.Double",
    };

    private static void AppendScalar(StringBuilder builder, JsonNode node)
    {
        switch (node.GetValueKind())
        {
            case JsonValueKind.String:
                builder.Append(node.GetValue<string>());
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Number:
                builder.Append(FormatNumber(node));
                break;
            default:
                builder.Append(node.ToJsonString());
                break;
        }
    }

    /// <summary>Integers print as written; other numbers as Java prints a double (1.0, 1.5E-4, 1.0E7).</summary>
    public static string FormatNumber(JsonNode node)
    {
        if (IsIntegral(node))
        {
            var text = node.ToJsonString();
            return text.StartsWith('-') && text.TrimStart('-').All(c => c == '0') ? "0" : text;
        }

        return FormatJavaDouble(JsonNodeValues.GetDouble(node));
    }

    private static bool IsIntegral(JsonNode node)
    {
        var text = node.ToJsonString();
        return !text.Contains('.', StringComparison.Ordinal) && !text.Contains('e', StringComparison.Ordinal) && !text.Contains('E', StringComparison.Ordinal);
    }

    /// <summary>Java's Double.toString: plain between 10^-3 and 10^7, otherwise "computerized scientific notation".</summary>
    public static string FormatJavaDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return double.IsNegative(value) ? "-0.0" : "0.0";
        }

        var magnitude = Math.Abs(value);
        if (magnitude >= 1e-3 && magnitude < 1e7)
        {
            var plain = value.ToString("R", CultureInfo.InvariantCulture);
            if (plain.Contains('E', StringComparison.Ordinal))
            {
                plain = value.ToString("0.################", CultureInfo.InvariantCulture);
            }

            return plain.Contains('.', StringComparison.Ordinal) ? plain : plain + ".0";
        }

        // "R" gives the shortest round-trip digits, e.g. "1.5E-05" or "1E+21".
        var scientific = value.ToString("E16", CultureInfo.InvariantCulture);
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var digits = shortest.Split('E')[0].Replace("-", string.Empty, StringComparison.Ordinal).Replace(".", string.Empty, StringComparison.Ordinal).TrimStart('0');
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var exponent = int.Parse(scientific.Split('E')[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = digits.Length == 1 ? digits + ".0" : digits[0] + "." + digits[1..];
        var sign = value < 0 ? "-" : string.Empty;
        return $"{sign}{mantissa}E{exponent.ToString(CultureInfo.InvariantCulture)}";
    }
}
