using System.Text.Json.Nodes;
using LongLivedTransactions.Jsonata;

namespace LongLivedTransactions.StatesLanguage.Definitions;

/// <summary>
/// A JSONata field value (Arguments, Output, Assign, Condition, Items, Seconds...): JSON in which any string
/// written <c>{% expression %}</c> is a JSONata expression, at any depth. Compiled once when the definition is read.
/// </summary>
public sealed class JsonataTemplate
{
    private readonly JsonNode? _source;

    internal JsonataTemplate(JsonataTemplateNode root, JsonNode? source = null)
    {
        Root = root;
        _source = source;
        ReadsContext = Expressions(root).Any(expression => MayRead(expression.Expression.Text, "context"));
        ReadsResult = Expressions(root).Any(expression => MayRead(expression.Expression.Text, "result"));
    }

    internal JsonataTemplateNode Root { get; }

    /// <summary>
    /// False when no expression can read <c>$states.context</c>, so the context object need not be built for it:
    /// most expressions read only the input, the result or variables.
    /// </summary>
    internal bool ReadsContext { get; }

    /// <summary>False when no expression can read <c>$states.result</c>, so the result need not be converted for it.</summary>
    internal bool ReadsResult { get; }

    /// <summary>The field as written, for people (diagrams, messages): the expression of a <c>{% %}</c> string, or the JSON of any other value.</summary>
    public string Text => Parsing.JsonataTemplateCompiler.IsExpression(_source, out var expression) ? expression.Trim() : _source?.ToJsonString() ?? "null";

    /// <summary>True when the value holds no expression at all.</summary>
    public bool IsLiteral => Root is JsonataLiteralNode;

    /// <summary>
    /// Any mention of the field's name, or a use of <c>$states</c> other than <c>$states.input</c>, <c>.result</c>,
    /// <c>.errorOutput</c> or <c>.context</c> (a whole <c>$states</c>, <c>$lookup($states, ...)</c>), may read the field.
    /// </summary>
    private static bool MayRead(string text, string field)
    {
        if (text.Contains(field, StringComparison.Ordinal))
        {
            return true;
        }

        for (var at = text.IndexOf("$states", StringComparison.Ordinal); at >= 0; at = text.IndexOf("$states", at + 1, StringComparison.Ordinal))
        {
            var rest = text.AsSpan(at + "$states".Length);
            if (!rest.StartsWith(".input", StringComparison.Ordinal) && !rest.StartsWith(".result", StringComparison.Ordinal)
                && !rest.StartsWith(".errorOutput", StringComparison.Ordinal) && !rest.StartsWith(".context", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<JsonataExpressionNode> Expressions(JsonataTemplateNode node) => node switch
    {
        JsonataExpressionNode expression => [expression],
        JsonataObjectNode obj => obj.Fields.SelectMany(field => Expressions(field.Value)),
        JsonataArrayNode array => array.Items.SelectMany(Expressions),
        _ => [],
    };
}

internal abstract class JsonataTemplateNode;

internal sealed class JsonataLiteralNode(JsonNode? value) : JsonataTemplateNode
{
    public JsonNode? Value { get; } = value;
}

/// <summary>One <c>{% %}</c> string; <see cref="Field"/> names where it is, as AWS names it in causes (<c>Output/v</c>).</summary>
internal sealed class JsonataExpressionNode(JsonataExpression expression, string field) : JsonataTemplateNode
{
    public JsonataExpression Expression { get; } = expression;

    /// <summary>Set when the expression only names a value (<c>$states.input</c>, <c>$order</c>...).</summary>
    public JsonataReference? Reference { get; } = JsonataReference.TryParse(expression.Text);

    public string Field { get; } = field;
}

internal sealed class JsonataObjectNode(IReadOnlyList<KeyValuePair<string, JsonataTemplateNode>> fields) : JsonataTemplateNode
{
    public IReadOnlyList<KeyValuePair<string, JsonataTemplateNode>> Fields { get; } = fields;
}

internal sealed class JsonataArrayNode(IReadOnlyList<JsonataTemplateNode> items) : JsonataTemplateNode
{
    public IReadOnlyList<JsonataTemplateNode> Items { get; } = items;
}
