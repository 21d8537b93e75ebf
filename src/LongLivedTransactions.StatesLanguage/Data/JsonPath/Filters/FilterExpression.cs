using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Data.JsonPath.Filters;

/// <summary>A parsed filter, <c>[?(...)]</c>: decides whether an item is kept.</summary>
internal abstract class FilterExpression
{
    /// <param name="current">The item under test (<c>@</c>).</param>
    /// <param name="root">The whole document (<c>$</c>).</param>
    public abstract bool Matches(JsonNode? current, JsonNode? root);
}

internal sealed class OrFilter(FilterExpression left, FilterExpression right) : FilterExpression
{
    public override bool Matches(JsonNode? current, JsonNode? root) => left.Matches(current, root) || right.Matches(current, root);
}

internal sealed class AndFilter(FilterExpression left, FilterExpression right) : FilterExpression
{
    public override bool Matches(JsonNode? current, JsonNode? root) => left.Matches(current, root) && right.Matches(current, root);
}

internal sealed class NotFilter(FilterExpression operand) : FilterExpression
{
    public override bool Matches(JsonNode? current, JsonNode? root) => !operand.Matches(current, root);
}

/// <summary><c>@.name</c> alone (the value exists, even as null), or <c>!@.name</c> (it does not).</summary>
internal sealed class ExistsFilter(JsonPathExpression path, bool shouldExist) : FilterExpression
{
    public override bool Matches(JsonNode? current, JsonNode? root)
    {
        var document = path.Root == JsonPathRoot.Current ? current : root;
        var exists = path.IsDefinite
            ? path.TryGetNode(document, out _)
            : path.SelectNodes(document).Count > 0;
        return exists == shouldExist;
    }
}

/// <summary><c>left operator right</c>, e.g. <c>@.price &lt; 10</c> or <c>@.tags anyof ['a']</c>.</summary>
internal sealed class ComparisonFilter(FilterOperand left, FilterOperator op, FilterOperand right) : FilterExpression
{
    public override bool Matches(JsonNode? current, JsonNode? root) =>
        FilterComparison.Evaluate(left.Evaluate(current, root), op, right.Evaluate(current, root));
}
