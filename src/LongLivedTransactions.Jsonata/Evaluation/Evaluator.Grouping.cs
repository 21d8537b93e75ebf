using LongLivedTransactions.Jsonata.Parsing;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Evaluation;

/// <summary>Object constructors with grouping, and order-by.</summary>
internal sealed partial class Evaluator
{
    private OrderedDictionary<string, object?> EvaluateGroup(List<(Node Key, Node Value)> pairs, int position, object? input, Frame environment)
    {
        // The usual object constructor, {'a': x, 'b': y} over one context value: with distinct literal keys
        // there is nothing to group, so each value is evaluated in turn on that value (as the general loop does).
        if (input is not JsonataArray { Count: > 1 } and not JsonataArray { IsTupleStream: true } && HasDistinctLiteralKeys(pairs))
        {
            var context = input is JsonataArray single ? (single.Count == 1 ? single[0] : null) : input;
            var literal = new OrderedDictionary<string, object?>(pairs.Count, StringComparer.Ordinal);
            foreach (var (key, valueExpression) in pairs)
            {
                var value = Evaluate(valueExpression, context, environment);
                if (value is not null)
                {
                    literal[(string)key.Value!] = value;
                }
            }

            return literal;
        }

        var result = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        var groups = new OrderedDictionary<string, (object? Data, int PairIndex)>(StringComparer.Ordinal);
        var isTupleStream = input is JsonataArray { IsTupleStream: true };
        JsonataArray items;
        if (input is JsonataArray inputArray)
        {
            items = inputArray;
        }
        else
        {
            items = new JsonataArray(1) { IsSequence = true };
            items.Add(input);
        }

        if (items.Count == 0)
        {
            // An empty input still makes the literal object.
            items = [null];
        }

        foreach (var item in items)
        {
            // An empty tuple stream still makes the literal object (jsonata-js fails here reading the missing tuple).
            var tuple = isTupleStream ? item as Dictionary<string, object?> : null;
            var frame = tuple is null ? environment : CreateFrameFromTuple(environment, tuple);
            var context = tuple is null ? (isTupleStream ? null : item) : tuple["@"];
            for (var pairIndex = 0; pairIndex < pairs.Count; pairIndex++)
            {
                var key = Evaluate(pairs[pairIndex].Key, context, frame);
                if (key is null)
                {
                    continue;
                }

                if (key is not string name)
                {
                    throw new JsonataException("T1003", $"Key in object structure must evaluate to a string; got: {key}", position, value: key);
                }

                if (groups.TryGetValue(name, out var existing))
                {
                    if (existing.PairIndex != pairIndex)
                    {
                        throw new JsonataException("D1009", $"Multiple key definitions evaluate to same key: {name}", position, value: name);
                    }

                    groups[name] = (Append(existing.Data, item), pairIndex);
                }
                else
                {
                    groups[name] = (item, pairIndex);
                }
            }
        }

        foreach (var (key, group) in groups)
        {
            var context = group.Data;
            var frame = environment;
            if (isTupleStream && group.Data is not null)
            {
                var tuple = ReduceTupleStream(group.Data);
                context = tuple["@"];
                tuple.Remove("@");
                frame = CreateFrameFromTuple(environment, tuple);
            }

            var value = Evaluate(pairs[group.PairIndex].Value, context, frame);
            if (value is not null)
            {
                result[key] = value;
            }
        }

        return result;
    }

    private static bool HasDistinctLiteralKeys(List<(Node Key, Node Value)> pairs)
    {
        if (pairs.Count > 16)
        {
            return false;
        }

        for (var i = 0; i < pairs.Count; i++)
        {
            var key = pairs[i].Key;
            if (key is not { Type: NodeType.String, Value: string name, Predicate: null, Group: null })
            {
                return false;
            }

            for (var j = 0; j < i; j++)
            {
                if (string.Equals((string)pairs[j].Key.Value!, name, StringComparison.Ordinal))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static Dictionary<string, object?> ReduceTupleStream(object? tupleStream)
    {
        if (tupleStream is not JsonataArray stream)
        {
            return new Dictionary<string, object?>((Dictionary<string, object?>)tupleStream!, StringComparer.Ordinal);
        }

        var result = new Dictionary<string, object?>((Dictionary<string, object?>)stream[0]!, StringComparer.Ordinal);
        for (var i = 1; i < stream.Count; i++)
        {
            foreach (var (name, value) in (Dictionary<string, object?>)stream[i]!)
            {
                result[name] = Append(result.GetValueOrDefault(name), value);
            }
        }

        return result;
    }

    private JsonataArray EvaluateSort(Node expr, JsonataArray input, Frame environment)
    {
        var isTupleSort = input.IsTupleStream;
        if (input.Count <= 1)
        {
            return input;
        }

        int CompareItems(object? a, object? b)
        {
            var comparison = 0;
            for (var i = 0; comparison == 0 && i < expr.Terms!.Count; i++)
            {
                var term = expr.Terms[i];
                var aa = EvaluateSortTerm(term.Expression, a, isTupleSort, environment);
                var bb = EvaluateSortTerm(term.Expression, b, isTupleSort, environment);
                if (aa is null)
                {
                    // Undefined sorts last.
                    comparison = bb is null ? 0 : 1;
                    continue;
                }

                if (bb is null)
                {
                    comparison = -1;
                    continue;
                }

                if (aa is not (string or double) || bb is not (string or double))
                {
                    throw new JsonataException("T2008", "The expressions within an order-by clause must evaluate to numeric or string values", expr.Position, value: aa is string or double ? bb : aa);
                }

                if (aa.GetType() != bb.GetType())
                {
                    throw new JsonataException("T2007", "Type mismatch within order-by clause. All values must be of the same type", expr.Position, value: aa);
                }

                comparison = aa is double x ? Math.Sign(x.CompareTo((double)bb)) : Math.Sign(string.CompareOrdinal((string)aa, (string)bb));
                if (term.Descending)
                {
                    comparison = -comparison;
                }
            }

            return comparison;
        }

        var sorted = StableMergeSort.Sort(input, (a, b) => CompareItems(a, b) == 1);
        var result = new JsonataArray(sorted) { IsTupleStream = isTupleSort, IsSequence = isTupleSort };
        return result;
    }

    private object? EvaluateSortTerm(Node term, object? item, bool isTupleSort, Frame environment)
    {
        if (!isTupleSort)
        {
            return Evaluate(term, item, environment);
        }

        var tuple = (Dictionary<string, object?>)item!;
        return Evaluate(term, tuple["@"], CreateFrameFromTuple(environment, tuple));
    }
}
