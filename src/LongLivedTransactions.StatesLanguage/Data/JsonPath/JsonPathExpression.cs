using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Data.JsonPath;

namespace LongLivedTransactions.StatesLanguage.Data;

/// <summary>
/// A parsed JSONPath with the semantics AWS Step Functions gives it (Jayway JsonPath): parse once,
/// evaluate many times, from any thread.
/// <list type="bullet">
/// <item><c>$...</c> selects from the document passed in (the state input), <c>$$...</c> from the
/// context object and <c>$name...</c> from the variable <c>name</c>: <see cref="Root"/> tells the
/// caller which document to pass; the steps after the root are applied to it.</item>
/// <item>A definite path (no wildcard, slice, union of indexes, filter or deep scan) yields one value
/// or nothing; an indefinite path yields an array of its matches, possibly empty.</item>
/// </list>
/// </summary>
public sealed class JsonPathExpression
{
    private const int MaxCachedExpressions = 10_000;

    // A memo of immutable parse results: thread-safe, bounded, never invalidated.
    private static readonly ConcurrentDictionary<string, JsonPathExpression> ParsedExpressions = new(StringComparer.Ordinal);

    private readonly PathSegment[] _segments;
    private readonly PathSegment[] _upstreamOfFunction;
    private readonly FunctionSegment? _function;
    private readonly bool _aggregatesMatches;
    private string? _normalizedPath;

    private JsonPathExpression(string text, ParsedPath parsed)
    {
        Text = text;
        Root = parsed.Root;
        VariableName = parsed.VariableName;
        _segments = [.. parsed.Segments];
        _function = _segments.Length > 0 ? _segments[^1] as FunctionSegment : null;
        _upstreamOfFunction = _function is null ? _segments : _segments[..^1];
        _aggregatesMatches = _function is not null && !_upstreamOfFunction.All(segment => segment.IsDefinite);
        IsDefinite = _function is not null || _segments.All(segment => segment.IsDefinite);
        IsReferencePath = _segments.All(segment =>
            segment is PropertySegment { IsSingle: true } || segment is IndexSegment { Indexes: [>= 0] });
    }

    /// <summary>The text as written.</summary>
    public string Text { get; }

    /// <summary>Which document the path starts from.</summary>
    public JsonPathRoot Root { get; }

    /// <summary>For <see cref="JsonPathRoot.Variable"/>: the variable name (<c>$order.id</c> gives <c>order</c>).</summary>
    public string? VariableName { get; }

    /// <summary>True when the path selects at most one value.</summary>
    public bool IsDefinite { get; }

    /// <summary>
    /// True for an AWS "reference path": only <c>.name</c>, <c>['name']</c> and <c>[index]</c> steps,
    /// so it names exactly one place (required for ResultPath and similar fields).
    /// </summary>
    public bool IsReferencePath { get; }

    /// <summary>The path in Jayway's normalised form, as AWS quotes it in error causes: <c>$['a'][0]</c>.</summary>
    public string NormalizedPath => _normalizedPath ??= Normalize(_segments.Length);

    internal bool HasSteps => _segments.Length > 0;

    /// <summary>Parses <paramref name="path"/>; repeated texts come from a shared memo.</summary>
    /// <exception cref="JsonPathSyntaxException">The text is not a valid path.</exception>
    public static JsonPathExpression Parse(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (ParsedExpressions.TryGetValue(path, out var cached))
        {
            return cached;
        }

        var expression = new JsonPathExpression(path, JsonPathParser.Parse(path));
        if (ParsedExpressions.Count < MaxCachedExpressions)
        {
            ParsedExpressions.TryAdd(path, expression);
        }

        return expression;
    }

    public static bool TryParse(string path, [NotNullWhen(true)] out JsonPathExpression? expression)
    {
        try
        {
            expression = Parse(path);
            return true;
        }
        catch (JsonPathSyntaxException)
        {
            expression = null;
            return false;
        }
    }

    /// <summary>A path inside a filter, which may also start with <c>@</c> (the current item).</summary>
    internal static JsonPathExpression ParseInFilter(string path) => new(path, JsonPathParser.Parse(path, allowCurrentRoot: true));

    /// <summary>
    /// Definite path: the value (a deep copy), or false when it does not exist.
    /// Indefinite path: always true, with a new array of copies of the matches (possibly empty).
    /// </summary>
    public bool TryEvaluate(JsonNode? root, out JsonNode? value) => TryEvaluate(root, out value, out _);

    /// <inheritdoc cref="TryEvaluate(JsonNode?, out JsonNode?)"/>
    /// <param name="failure">When false: Jayway's explanation, e.g. <c>Missing property in path $['a']</c>
    /// or <c>No results for path: $['a']['b']</c> (AWS puts it in "Invalid path '...' : ..." causes).</param>
    public bool TryEvaluate(JsonNode? root, out JsonNode? value, [NotNullWhen(false)] out string? failure)
    {
        failure = null;
        if (!IsDefinite)
        {
            var array = new JsonArray();
            foreach (var match in SelectNodes(root))
            {
                array.Add(JsonNodeValues.Clone(match));
            }

            value = array;
            return true;
        }

        if (TryGetNode(root, out var node, out failure))
        {
            value = _function is null ? JsonNodeValues.Clone(node) : node;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>
    /// Definite path only: the node inside <paramref name="root"/> itself, without copying.
    /// Read it, never modify or re-parent it. For an indefinite path this returns the array of copies.
    /// </summary>
    public bool TryGetNode(JsonNode? root, out JsonNode? node) => TryGetNode(root, out node, out _);

    private bool TryGetNode(JsonNode? root, out JsonNode? node, [NotNullWhen(false)] out string? failure)
    {
        failure = null;
        if (!IsDefinite)
        {
            return TryEvaluate(root, out node, out failure);
        }

        if (_aggregatesMatches)
        {
            // An aggregate over an indefinite path, e.g. $.items[*].price.sum().
            var matches = new List<JsonNode?>();
            JsonPathEvaluator.Collect(_upstreamOfFunction, 0, root, root, matches);
            var list = new JsonArray();
            foreach (var match in matches)
            {
                list.Add(JsonNodeValues.Clone(match));
            }

            try
            {
                node = PathFunctions.Apply(_function!.Function, list);
                return true;
            }
            catch (JsonPathEvaluationException exception)
            {
                node = null;
                failure = exception.Message;
                return false;
            }
        }

        try
        {
            if (JsonPathEvaluator.TryGetDefinite(_segments, root, out node, out var failedSegment, out var kind, out var failedAt))
            {
                return true;
            }

            failure = DescribeFailure(failedSegment, kind, failedAt);
            return false;
        }
        catch (JsonPathEvaluationException exception)
        {
            // A path function that cannot compute, e.g. avg() of an empty array.
            node = null;
            failure = exception.Message;
            return false;
        }
    }

    /// <summary>The matches of the path (copies), in Jayway's order; empty when nothing matches.</summary>
    public IReadOnlyList<JsonNode?> Select(JsonNode? root)
    {
        var nodes = SelectNodes(root);
        var copies = new JsonNode?[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            copies[i] = JsonNodeValues.Clone(nodes[i]);
        }

        return copies;
    }

    /// <summary>The matches as the document's own nodes (not copies).</summary>
    internal IReadOnlyList<JsonNode?> SelectNodes(JsonNode? root)
    {
        if (IsDefinite && !_aggregatesMatches)
        {
            return TryGetNode(root, out var node, out _) ? [node] : [];
        }

        if (_aggregatesMatches)
        {
            TryGetNode(root, out var aggregate, out _);
            return [aggregate];
        }

        var results = new List<JsonNode?>();
        JsonPathEvaluator.Collect(_segments, 0, root, root, results);
        return results;
    }

    /// <summary>
    /// Writes <paramref name="value"/> at this reference path inside <paramref name="document"/> (as
    /// ResultPath does) and returns the resulting document: <c>$</c> replaces the document; missing
    /// objects along the way are created. The document is changed in place, so pass one you own.
    /// </summary>
    /// <exception cref="InvalidOperationException">The path is not a reference path.</exception>
    /// <exception cref="JsonPathEvaluationException">The way is blocked, e.g. by a string where an object is needed.</exception>
    public JsonNode? SetValue(JsonNode? document, JsonNode? value)
    {
        if (!IsReferencePath)
        {
            throw new InvalidOperationException($"'{Text}' is not a reference path; only .name, ['name'] and [index] steps can be written to.");
        }

        return ReferencePathWriter.SetValue(this, _segments, document, value);
    }

    public override string ToString() => Text;

    internal string Normalize(int segmentCount) => Normalize(0, segmentCount, includeRoot: true);

    internal string Normalize(int from, int to, bool includeRoot)
    {
        var builder = new StringBuilder();
        if (includeRoot)
        {
            builder.Append(Root switch
            {
                JsonPathRoot.Context => "$$",
                JsonPathRoot.Variable => "$" + VariableName,
                JsonPathRoot.Current => "@",
                _ => "$",
            });
        }

        for (var i = from; i < to; i++)
        {
            _segments[i].AppendFragment(builder);
        }

        return builder.ToString();
    }

    private string DescribeFailure(int segment, DefiniteFailure kind, JsonNode? at) => kind switch
    {
        DefiniteFailure.MissingProperty => $"Missing property in path {Normalize(segment + 1)}",
        DefiniteFailure.NotAnObject =>
            $"Expected to find an object with property {Normalize(segment, segment + 1, includeRoot: false)} in path {Normalize(segment)} " +
            $"but found '{JavaValueFormatter.JavaClassName(at)}'. This is not a json object according to the JsonProvider: " +
            "'com.jayway.jsonpath.spi.json.JacksonJsonProvider'.",
        DefiniteFailure.NullArray => $"The path {Normalize(segment)} is null",
        DefiniteFailure.NotAnArray =>
            $"Filter: {Normalize(segment, _segments.Length, includeRoot: false)} can only be applied to arrays. Current context is: {JavaValueFormatter.Format(at)}",
        _ => $"No results for path: {NormalizedPath}",
    };
}
