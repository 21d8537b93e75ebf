using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LongLivedTransactions.StatesLanguage.Data.JsonPath.Filters;

/// <summary>The value of one side of a comparison: undefined (path not found), a JSON value, or a regular expression.</summary>
internal readonly struct FilterValue
{
    private FilterValue(bool isDefined, JsonNode? node, Regex? pattern)
    {
        IsDefined = isDefined;
        Node = node;
        Pattern = pattern;
    }

    public static FilterValue Undefined => default;

    public bool IsDefined { get; }

    public JsonNode? Node { get; }

    public Regex? Pattern { get; }

    public static FilterValue Of(JsonNode? node) => new(true, node, null);

    public static FilterValue Of(Regex pattern) => new(true, null, pattern);
}

internal abstract class FilterOperand
{
    public abstract FilterValue Evaluate(JsonNode? current, JsonNode? root);
}

/// <summary>A literal: string, number, true/false, null or a JSON array/object.</summary>
internal sealed class LiteralOperand(JsonNode? value) : FilterOperand
{
    public override FilterValue Evaluate(JsonNode? current, JsonNode? root) => FilterValue.Of(value);
}

/// <summary>A regular expression literal, <c>/pattern/flags</c> (matched against the whole text).</summary>
internal sealed class RegexOperand(Regex pattern) : FilterOperand
{
    public override FilterValue Evaluate(JsonNode? current, JsonNode? root) => FilterValue.Of(pattern);
}

/// <summary>A path relative to the item (<c>@...</c>) or to the document (<c>$...</c>).</summary>
internal sealed class PathOperand(JsonPathExpression path) : FilterOperand
{
    public JsonPathExpression Path => path;

    public override FilterValue Evaluate(JsonNode? current, JsonNode? root)
    {
        var document = path.Root == JsonPathRoot.Current ? current : root;
        if (path.IsDefinite)
        {
            return path.TryGetNode(document, out var node) ? FilterValue.Of(node) : FilterValue.Undefined;
        }

        // An indefinite path inside a filter yields the list of its matches (Jayway).
        var matches = path.SelectNodes(document);
        var array = new JsonArray();
        foreach (var match in matches)
        {
            array.Add(JsonNodeValues.Clone(match));
        }

        return FilterValue.Of(array);
    }
}
