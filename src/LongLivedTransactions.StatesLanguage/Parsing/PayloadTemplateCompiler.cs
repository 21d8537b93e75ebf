using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Data;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>Compiles Parameters / ResultSelector / ItemSelector / Assign JSON into a <see cref="PayloadTemplate"/>.</summary>
internal static class PayloadTemplateCompiler
{
    public static PayloadTemplate? Compile(JsonNode? template, string location, DiagnosticBag diagnostics) =>
        new(CompileNode(template, location, diagnostics));

    private static PayloadNode CompileNode(JsonNode? node, string location, DiagnosticBag diagnostics)
    {
        switch (node)
        {
            case JsonObject obj:
            {
                var fields = new List<KeyValuePair<string, PayloadNode>>(obj.Count);
                var anyDynamic = false;
                foreach (var (key, value) in obj)
                {
                    var fieldLocation = $"{location}/{key}";
                    PayloadNode compiled;
                    if (key.EndsWith(".$", StringComparison.Ordinal))
                    {
                        compiled = CompileDynamic(key, value, fieldLocation, diagnostics);
                        fields.Add(new(key[..^2], compiled));
                    }
                    else
                    {
                        WarnIfLooksDynamic(key, value, fieldLocation, diagnostics);
                        compiled = CompileNode(value, fieldLocation, diagnostics);
                        fields.Add(new(key, compiled));
                    }

                    anyDynamic |= compiled is not LiteralPayloadNode;
                }

                return anyDynamic ? new ObjectPayloadNode(fields) : new LiteralPayloadNode(LiteralValue.Of(obj));
            }

            case JsonArray array:
            {
                var items = new List<PayloadNode>(array.Count);
                for (var i = 0; i < array.Count; i++)
                {
                    items.Add(CompileNode(array[i], $"{location}/{i}", diagnostics));
                }

                return items.TrueForAll(i => i is LiteralPayloadNode) ? new LiteralPayloadNode(LiteralValue.Of(array)) : new ArrayPayloadNode(items);
            }

            default:
                return new LiteralPayloadNode(LiteralValue.Of(node));
        }
    }

    private static PayloadNode CompileDynamic(string key, JsonNode? value, string location, DiagnosticBag diagnostics)
    {
        if (!JsonFields.TryGetString(value, out var text))
        {
            diagnostics.Schema($"The value for the field '{key}' must be a STRING that contains a JSONPath or an intrinsic function call.", location);
            return new LiteralPayloadNode(null);
        }

        try
        {
            return new DynamicPayloadNode(key, ValueExpression.Parse(text));
        }
        catch (JsonPathSyntaxException e)
        {
            diagnostics.Schema($"The value for the field '{key}' must be a valid JSONPath or a valid intrinsic function call: {e.Message}", location);
        }
        catch (IntrinsicSyntaxException e)
        {
            diagnostics.Schema($"The value for the field '{key}' must be a valid intrinsic function call: {e.Message}", location);
        }

        return new LiteralPayloadNode(null);
    }

    private static void WarnIfLooksDynamic(string key, JsonNode? value, string location, DiagnosticBag diagnostics)
    {
        if (JsonFields.TryGetString(value, out var text)
            && (text.StartsWith("$.", StringComparison.Ordinal) || text.StartsWith("$$.", StringComparison.Ordinal) || IntrinsicFunctionCall.LooksLikeCall(text)))
        {
            diagnostics.Warning(
                DiagnosticCodes.NoDollar,
                $"The value of the field '{key}' looks like a JSONPath or an intrinsic function, but the field name does not end with '.$'.",
                location);
        }
    }
}
