using System.Text.Json.Nodes;
using LongLivedTransactions.Jsonata;
using LongLivedTransactions.Jsonata.Values;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>
/// Compiles JSONata field values, refusing at definition time what AWS refuses: expressions that do not parse
/// (INVALID_JSONATA_EXPRESSION) and references to the input at the top level (UNSUPPORTED_JSONATA_EXPRESSION).
/// </summary>
internal static class JsonataTemplateCompiler
{
    /// <param name="node">The field's JSON value.</param>
    /// <param name="field">The field as AWS names it in run-time causes (<c>Output</c>, <c>Choices[0]/Condition</c>).</param>
    /// <param name="location">The JSON pointer for diagnostics (<c>/States/A/Output</c>).</param>
    /// <param name="allowErrorOutput">True in a Catch, the only place <c>$states.errorOutput</c> exists.</param>
    public static JsonataTemplate Compile(JsonNode? node, string field, string location, bool allowErrorOutput, DiagnosticBag diagnostics) =>
        new(CompileNode(node, field, location, allowErrorOutput, diagnostics), node);

    /// <summary>True when a JSON value is a <c>{% %}</c> string.</summary>
    public static bool IsExpression(JsonNode? node, out string expression)
    {
        expression = string.Empty;
        if (node is JsonValue value && value.TryGetValue<string>(out var text)
            && text.Length >= 4 && text.StartsWith("{%", StringComparison.Ordinal) && text.EndsWith("%}", StringComparison.Ordinal))
        {
            expression = text[2..^2];
            return true;
        }

        return false;
    }

    private static JsonataTemplateNode CompileNode(JsonNode? node, string field, string location, bool allowErrorOutput, DiagnosticBag diagnostics)
    {
        switch (node)
        {
            case JsonObject obj:
            {
                var fields = new List<KeyValuePair<string, JsonataTemplateNode>>(obj.Count);
                var anyExpression = false;
                foreach (var (key, value) in obj)
                {
                    var compiled = CompileNode(value, $"{field}/{key}", $"{location}/{key}", allowErrorOutput, diagnostics);
                    anyExpression |= compiled is not JsonataLiteralNode;
                    fields.Add(new(key, compiled));
                }

                return anyExpression ? new JsonataObjectNode(fields) : new JsonataLiteralNode(LiteralValue.Of(obj));
            }

            case JsonArray array:
            {
                var items = new List<JsonataTemplateNode>(array.Count);
                var anyExpression = false;
                for (var i = 0; i < array.Count; i++)
                {
                    var compiled = CompileNode(array[i], $"{field}[{i}]", $"{location}[{i}]", allowErrorOutput, diagnostics);
                    anyExpression |= compiled is not JsonataLiteralNode;
                    items.Add(compiled);
                }

                return anyExpression ? new JsonataArrayNode(items) : new JsonataLiteralNode(LiteralValue.Of(array));
            }

            default:
                return IsExpression(node, out var text)
                    ? CompileExpression(text, field, location, allowErrorOutput, diagnostics)
                    : new JsonataLiteralNode(LiteralValue.Of(node));
        }
    }

    private static JsonataTemplateNode CompileExpression(string text, string field, string location, bool allowErrorOutput, DiagnosticBag diagnostics)
    {
        JsonataExpression expression;
        try
        {
            expression = JsonataExpression.Compile(text, JsonataEvaluation.Options);
        }
        catch (JsonataException error)
        {
            diagnostics.Error(DiagnosticCodes.InvalidJsonataExpression, error.Message, location);
            return new JsonataLiteralNode(null);
        }

        foreach (var name in expression.RootReferences)
        {
            diagnostics.Error(DiagnosticCodes.UnsupportedJsonataExpression, $"Reference to '{name}' at the top level is not supported.", location);
        }

        // Names that read a value Step Functions does not offer here: $$ (there is no input document) anywhere, and
        // the error output outside a catcher. AWS refuses them with this code and wording.
        foreach (var name in (string[])["$$", "$states.errorOutput"])
        {
            if ((name != "$states.errorOutput" || !allowErrorOutput) && text.Contains(name, StringComparison.Ordinal))
            {
                diagnostics.Error(DiagnosticCodes.UnsupportedJsonataExpression, $"Field '{name}' does not exist.", location);
            }
        }

        return new JsonataExpressionNode(expression, field);
    }
}
