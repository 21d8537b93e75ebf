using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Data.JsonPath;

/// <summary>Why a definite path found nothing; turned into Jayway's message only when asked for.</summary>
internal enum DefiniteFailure
{
    None,

    /// <summary>A name in the middle of the path is missing ("Missing property in path ...").</summary>
    MissingProperty,

    /// <summary>The last name is missing or an index is out of range ("No results for path: ...").</summary>
    NoResult,

    /// <summary>A name step met something that is not an object.</summary>
    NotAnObject,

    /// <summary>An index step met null.</summary>
    NullArray,

    /// <summary>An index step met something that is not an array.</summary>
    NotAnArray,
}

/// <summary>
/// Walks a document along parsed path steps. Definite paths take a loop without allocations;
/// indefinite ones follow Jayway's token semantics (including how its deep scan visits nodes).
/// Results are the document's own nodes: callers clone them before handing them out.
/// </summary>
internal static class JsonPathEvaluator
{
    public static bool TryGetDefinite(
        PathSegment[] segments,
        JsonNode? root,
        out JsonNode? result,
        out int failedSegment,
        out DefiniteFailure failure,
        out JsonNode? failedAt)
    {
        var node = root;
        var count = segments.Length;
        failedSegment = -1;
        failure = DefiniteFailure.None;
        failedAt = null;
        result = null;
        for (var i = 0; i < count; i++)
        {
            var segment = segments[i];
            if (segment is PropertySegment property)
            {
                if (node is not JsonObject obj)
                {
                    return Fail(i, DefiniteFailure.NotAnObject, node, out failedSegment, out failure, out failedAt);
                }

                if (!property.IsSingle)
                {
                    node = Merge(obj, property.Names);
                }
                else if (!obj.TryGetPropertyValue(property.FirstName, out node))
                {
                    var kind = i == count - 1 ? DefiniteFailure.NoResult : DefiniteFailure.MissingProperty;
                    return Fail(i, kind, obj, out failedSegment, out failure, out failedAt);
                }
            }
            else if (segment is IndexSegment index)
            {
                if (node is null)
                {
                    return Fail(i, DefiniteFailure.NullArray, node, out failedSegment, out failure, out failedAt);
                }

                if (node is not JsonArray array)
                {
                    return Fail(i, DefiniteFailure.NotAnArray, node, out failedSegment, out failure, out failedAt);
                }

                var effective = index.FirstIndex < 0 ? array.Count + index.FirstIndex : index.FirstIndex;
                if (effective < 0 || effective >= array.Count)
                {
                    return Fail(i, DefiniteFailure.NoResult, array, out failedSegment, out failure, out failedAt);
                }

                node = array[effective];
            }
            else if (segment is FunctionSegment function)
            {
                node = PathFunctions.Apply(function.Function, node);
            }
            else
            {
                throw new InvalidOperationException("An indefinite step cannot be evaluated as a definite path.");
            }
        }

        result = node;
        return true;
    }

    private static bool Fail(int index, DefiniteFailure kind, JsonNode? at, out int failedSegment, out DefiniteFailure failure, out JsonNode? failedAt)
    {
        failedSegment = index;
        failure = kind;
        failedAt = at;
        return false;
    }

    /// <summary>Collects every match of <paramref name="segments"/>[<paramref name="index"/>..] applied to <paramref name="node"/>.</summary>
    public static void Collect(PathSegment[] segments, int index, JsonNode? node, JsonNode? root, List<JsonNode?> results)
    {
        if (index == segments.Length)
        {
            results.Add(node);
            return;
        }

        switch (segments[index])
        {
            case PropertySegment property:
                if (node is not JsonObject obj)
                {
                    return;
                }

                if (property.IsSingle || !property.IsLeaf)
                {
                    foreach (var name in property.Names)
                    {
                        if (obj.TryGetPropertyValue(name, out var value))
                        {
                            Collect(segments, index + 1, value, root, results);
                        }
                    }
                }
                else
                {
                    results.Add(Merge(obj, property.Names));
                }

                break;
            case IndexSegment indexes:
                if (node is JsonArray indexed)
                {
                    foreach (var i in indexes.Indexes)
                    {
                        CollectElement(segments, index, indexed, i, root, results);
                    }
                }

                break;
            case SliceSegment slice:
                if (node is JsonArray sliced)
                {
                    CollectSlice(segments, index, sliced, slice, root, results);
                }

                break;
            case WildcardSegment:
                CollectChildren(segments, index + 1, node, root, results);
                break;
            case DeepScanSegment:
                Walk(segments, index + 1, node, root, results);
                break;
            case FilterSegment filter:
                if (node is JsonObject filtered)
                {
                    // Jayway tests an object itself against the filter (RFC 9535 would test its members).
                    if (filter.Filter.Matches(filtered, root))
                    {
                        Collect(segments, index + 1, filtered, root, results);
                    }
                }
                else if (node is JsonArray candidates)
                {
                    foreach (var candidate in candidates)
                    {
                        if (filter.Filter.Matches(candidate, root))
                        {
                            Collect(segments, index + 1, candidate, root, results);
                        }
                    }
                }

                break;
            case FunctionSegment function:
                results.Add(PathFunctions.Apply(function.Function, node));
                break;
        }
    }

    private static void CollectChildren(PathSegment[] segments, int next, JsonNode? node, JsonNode? root, List<JsonNode?> results)
    {
        if (node is JsonObject obj)
        {
            foreach (var (_, value) in obj)
            {
                Collect(segments, next, value, root, results);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var element in array)
            {
                Collect(segments, next, element, root, results);
            }
        }
    }

    private static void CollectElement(PathSegment[] segments, int index, JsonArray array, int position, JsonNode? root, List<JsonNode?> results)
    {
        var effective = position < 0 ? array.Count + position : position;
        if (effective >= 0 && effective < array.Count)
        {
            Collect(segments, index + 1, array[effective], root, results);
        }
    }

    /// <summary>Jayway's slice rules: a negative start counts from the end; a negative end only in [:to].</summary>
    private static void CollectSlice(PathSegment[] segments, int index, JsonArray array, SliceSegment slice, JsonNode? root, List<JsonNode?> results)
    {
        var length = array.Count;
        if (length == 0)
        {
            return;
        }

        int from;
        int to;
        if (slice.From is { } start && slice.To is { } end)
        {
            from = start;
            to = Math.Min(length, end);
        }
        else if (slice.From is { } onlyStart)
        {
            from = Math.Max(0, onlyStart < 0 ? length + onlyStart : onlyStart);
            to = length;
        }
        else
        {
            var onlyEnd = slice.To!.Value;
            from = 0;
            to = Math.Min(length, onlyEnd < 0 ? length + onlyEnd : onlyEnd);
        }

        for (var i = from; i < to; i++)
        {
            CollectElement(segments, index, array, i, root, results);
        }
    }

    /// <summary>
    /// The deep scan as Jayway walks it: at every object and array (the start included, parents
    /// before children), the step after ".." is applied where it can match.
    /// </summary>
    private static void Walk(PathSegment[] segments, int target, JsonNode? node, JsonNode? root, List<JsonNode?> results)
    {
        if (node is JsonObject obj)
        {
            if (ScanMatches(segments[target], node, root))
            {
                Collect(segments, target, node, root, results);
            }

            foreach (var (_, value) in obj)
            {
                Walk(segments, target, value, root, results);
            }
        }
        else if (node is JsonArray array)
        {
            if (ScanMatches(segments[target], node, root))
            {
                if (target == segments.Length - 1)
                {
                    Collect(segments, target, node, root, results);
                }
                else
                {
                    // Jayway quirk: inside arrays it applies the step after the target to each element.
                    foreach (var element in array)
                    {
                        Collect(segments, target + 1, element, root, results);
                    }
                }
            }

            foreach (var element in array)
            {
                Walk(segments, target, element, root, results);
            }
        }
    }

    private static bool ScanMatches(PathSegment target, JsonNode node, JsonNode? root) => target switch
    {
        PropertySegment property => node is JsonObject obj && (!property.IsDefinite || property.Names.All(obj.ContainsKey)),
        IndexSegment or SliceSegment => node is JsonArray,
        WildcardSegment => true,
        FilterSegment filter => filter.Filter.Matches(node, root),
        _ => false,
    };

    private static JsonObject Merge(JsonObject source, IReadOnlyList<string> names)
    {
        var merged = new JsonObject();
        foreach (var name in names)
        {
            if (source.TryGetPropertyValue(name, out var value))
            {
                merged[name] = JsonNodeValues.Clone(value);
            }
        }

        return merged;
    }
}

/// <summary>The functions Jayway allows at the end of a path.</summary>
internal static class PathFunctions
{
    public static JsonNode? Apply(PathFunction function, JsonNode? input) => function switch
    {
        PathFunction.Length or PathFunction.Size => input switch
        {
            JsonArray array => JsonValue.Create(array.Count),
            JsonObject obj => JsonValue.Create(obj.Count),
            JsonValue when JsonNodeValues.TryGetString(input, out var text) => JsonValue.Create(text.Length),
            _ => null,
        },
        PathFunction.First => input is JsonArray { Count: > 0 } first ? JsonNodeValues.Clone(first[0]) : null,
        PathFunction.Last => input is JsonArray { Count: > 0 } last ? JsonNodeValues.Clone(last[^1]) : null,
        PathFunction.Keys => input is JsonObject keys ? new JsonArray(keys.Select(pair => (JsonNode?)JsonValue.Create(pair.Key)).ToArray()) : null,
        _ => Numeric(function, input),
    };

    private static JsonValue? Numeric(PathFunction function, JsonNode? input)
    {
        if (input is not JsonArray array)
        {
            return null;
        }

        var numbers = array.Where(JsonNodeValues.IsNumber).Select(JsonNodeValues.GetDouble).ToList();
        if (numbers.Count == 0)
        {
            throw new JsonPathEvaluationException($"Aggregation function attempted to calculate value using empty array");
        }

        var value = function switch
        {
            PathFunction.Min => numbers.Min(),
            PathFunction.Max => numbers.Max(),
            PathFunction.Average => numbers.Average(),
            PathFunction.Sum => numbers.Sum(),
            _ => StandardDeviation(numbers),
        };
        return JsonValue.Create(value);
    }

    private static double StandardDeviation(List<double> numbers)
    {
        var average = numbers.Average();
        return Math.Sqrt(numbers.Sum(n => (n - average) * (n - average)) / numbers.Count);
    }
}
