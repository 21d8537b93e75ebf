using LongLivedTransactions.Jsonata.Parsing;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Evaluation;

/// <summary>Paths: steps over sequences, tuple streams for variable bindings, filters, wildcards and descendants.</summary>
internal sealed partial class Evaluator
{
    private object? EvaluatePath(Node expr, object? input, Frame environment)
    {
        // A path that starts with a variable is absolute: it does not iterate over an input array.
        var steps = expr.Steps!;
        if (input is JsonataArray inputArray && steps[0].Type != NodeType.Variable)
        {
            return EvaluateSteps(expr, inputArray, 0, environment);
        }

        // Fast path: while every step gives one value that is not an array, the sequences of one item that the
        // general loop would build are not needed. It hands over to that loop at the first step that needs more.
        var item = input;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.Tuple || step.Focus is not null || step.Stages is not null || step.Type == NodeType.Sort || (i == 0 && step.ConsArray))
            {
                var single = new JsonataArray(1) { IsSequence = true };
                single.Add(item);
                return EvaluateSteps(expr, single, i, environment);
            }

            var value = Evaluate(step, item, environment);
            if (value is null)
            {
                return FinishPath(expr, JsonataArray.Sequence(), null, isTupleStream: false, environment);
            }

            if (value is JsonataArray array)
            {
                // What EvaluateStep makes of a single array value.
                JsonataArray sequence;
                if (i == steps.Count - 1 && !array.IsSequence)
                {
                    sequence = array;
                }
                else
                {
                    sequence = JsonataArray.Sequence();
                    if (array.IsConstructed)
                    {
                        sequence.Add(array);
                    }
                    else
                    {
                        sequence.AddRange(array);
                    }
                }

                return sequence.Count == 0 || i == steps.Count - 1
                    ? FinishPath(expr, sequence, null, isTupleStream: false, environment)
                    : EvaluateSteps(expr, sequence, i + 1, environment);
            }

            item = value;
        }

        if (!expr.KeepSingletonArray && expr.Group is null)
        {
            // Evaluate unwraps a sequence of one item anyway.
            return item;
        }

        return FinishPath(expr, JsonataArray.Sequence(item), null, isTupleStream: false, environment);
    }

    /// <summary>The general path loop, from step <paramref name="first"/> on over <paramref name="inputSequence"/>.</summary>
    private object? EvaluateSteps(Node expr, JsonataArray inputSequence, int first, Frame environment)
    {
        JsonataArray? resultSequence = null;
        JsonataArray? tupleBindings = null;
        var isTupleStream = false;
        var steps = expr.Steps!;
        for (var i = first; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.Tuple)
            {
                isTupleStream = true;
            }

            if (i == 0 && step.ConsArray)
            {
                // A path that starts with an array constructor evaluates it once, not per input item.
                var constructed = Evaluate(step, inputSequence, environment);
                resultSequence = constructed as JsonataArray ?? (constructed is null ? null : JsonataArray.Sequence(constructed));
            }
            else if (isTupleStream)
            {
                tupleBindings = EvaluateTupleStep(step, inputSequence, tupleBindings, environment);
            }
            else
            {
                resultSequence = EvaluateStep(step, inputSequence, environment, i == steps.Count - 1);
            }

            if (!isTupleStream && (resultSequence is null || resultSequence.Count == 0))
            {
                break;
            }

            if (step.Focus is null)
            {
                inputSequence = resultSequence!;
            }
        }

        return FinishPath(expr, resultSequence, tupleBindings, isTupleStream, environment);
    }

    private object? FinishPath(Node expr, JsonataArray? resultSequence, JsonataArray? tupleBindings, bool isTupleStream, Frame environment)
    {
        if (isTupleStream)
        {
            if (expr.Tuple)
            {
                // The tuple stream carries ancestry to an enclosing path.
                resultSequence = tupleBindings;
            }
            else
            {
                resultSequence = JsonataArray.Sequence();
                foreach (var tuple in tupleBindings!)
                {
                    resultSequence.Add(((Dictionary<string, object?>)tuple!)["@"]);
                }
            }
        }

        if (expr.KeepSingletonArray)
        {
            if (resultSequence is { IsConstructed: true, IsSequence: false })
            {
                resultSequence = JsonataArray.Sequence(resultSequence);
            }

            resultSequence?.KeepSingleton = true;
        }

        if (expr.Group is not null)
        {
            return EvaluateGroup(expr.Group.Pairs, expr.Group.Position, isTupleStream ? tupleBindings : resultSequence, environment);
        }

        return resultSequence;
    }

    private JsonataArray EvaluateStep(Node expr, JsonataArray input, Frame environment, bool lastStep)
    {
        if (expr.Type == NodeType.Sort)
        {
            var sorted = EvaluateSort(expr, input, environment);
            return expr.Stages is null ? sorted : EvaluateStages(expr.Stages, sorted, environment);
        }

        var results = new List<object?>(input.Count);
        foreach (var item in input)
        {
            var value = Evaluate(expr, item, environment);
            if (expr.Stages is not null)
            {
                foreach (var stage in expr.Stages)
                {
                    value = EvaluateFilter(stage.Expression!, value, environment);
                }
            }

            if (value is not null)
            {
                results.Add(value);
            }
        }

        if (lastStep && results.Count == 1 && results[0] is JsonataArray { IsSequence: false } onlyArray)
        {
            return onlyArray;
        }

        var sequence = JsonataArray.Sequence();
        foreach (var value in results)
        {
            if (value is JsonataArray array && !array.IsConstructed)
            {
                sequence.AddRange(array);
            }
            else
            {
                sequence.Add(value);
            }
        }

        return sequence;
    }

    private JsonataArray EvaluateStages(List<Stage> stages, JsonataArray input, Frame environment)
    {
        var result = input;
        foreach (var stage in stages)
        {
            if (stage.Type == StageType.Filter)
            {
                result = EvaluateFilter(stage.Expression!, result, environment);
            }
            else
            {
                for (var i = 0; i < result.Count; i++)
                {
                    ((Dictionary<string, object?>)result[i]!)[stage.Variable!] = (double)i;
                }
            }
        }

        return result;
    }

    private JsonataArray EvaluateTupleStep(Node expr, JsonataArray input, JsonataArray? tupleBindings, Frame environment)
    {
        JsonataArray result;
        if (expr.Type == NodeType.Sort)
        {
            if (tupleBindings is not null)
            {
                result = EvaluateSort(expr, tupleBindings, environment);
            }
            else
            {
                var sorted = EvaluateSort(expr, input, environment);
                result = new JsonataArray(sorted.Count) { IsSequence = true, IsTupleStream = true };
                for (var i = 0; i < sorted.Count; i++)
                {
                    var tuple = new Dictionary<string, object?>(StringComparer.Ordinal) { ["@"] = sorted[i] };
                    if (expr.Index is not null)
                    {
                        tuple[expr.Index] = (double)i;
                    }

                    result.Add(tuple);
                }
            }

            return expr.Stages is null ? result : EvaluateStages(expr.Stages, result, environment);
        }

        result = new JsonataArray { IsSequence = true, IsTupleStream = true };
        if (tupleBindings is null)
        {
            tupleBindings = new JsonataArray(input.Count);
            foreach (var item in input)
            {
                tupleBindings.Add(new Dictionary<string, object?>(StringComparer.Ordinal) { ["@"] = item });
            }
        }

        foreach (var bindingItem in tupleBindings)
        {
            var binding = (Dictionary<string, object?>)bindingItem!;
            var stepEnvironment = CreateFrameFromTuple(environment, binding);
            var value = Evaluate(expr, binding["@"], stepEnvironment);
            if (value is null)
            {
                continue;
            }

            var values = value as JsonataArray ?? [value];
            for (var i = 0; i < values.Count; i++)
            {
                var tuple = new Dictionary<string, object?>(binding, StringComparer.Ordinal);
                if (values.IsTupleStream)
                {
                    foreach (var (name, bound) in (Dictionary<string, object?>)values[i]!)
                    {
                        tuple[name] = bound;
                    }
                }
                else
                {
                    if (expr.Focus is not null)
                    {
                        tuple[expr.Focus] = values[i];
                        tuple["@"] = binding["@"];
                    }
                    else
                    {
                        tuple["@"] = values[i];
                    }

                    if (expr.Index is not null)
                    {
                        tuple[expr.Index] = (double)i;
                    }

                    if (expr.Ancestor is not null)
                    {
                        tuple[expr.Ancestor.Label] = binding["@"];
                    }
                }

                result.Add(tuple);
            }
        }

        return expr.Stages is null ? result : EvaluateStages(expr.Stages, result, environment);
    }

    private static Frame CreateFrameFromTuple(Frame environment, Dictionary<string, object?> tuple)
    {
        var frame = new Frame(environment);
        foreach (var (name, value) in tuple)
        {
            frame.Bind(name, value);
        }

        return frame;
    }

    private JsonataArray EvaluateFilter(Node predicate, object? input, Frame environment)
    {
        var inputArray = input as JsonataArray;
        var results = new JsonataArray { IsSequence = true, IsTupleStream = inputArray is { IsTupleStream: true } };
        if (inputArray is null)
        {
            inputArray = new JsonataArray(1) { IsSequence = true };
            inputArray.Add(input);
        }

        return FilterItems(predicate, inputArray, results, environment);
    }

    private JsonataArray FilterItems(Node predicate, JsonataArray input, JsonataArray results, Frame environment)
    {
        if (predicate.Type == NodeType.Number)
        {
            // A literal index, negative counting from the end.
            var index = (int)Math.Floor((double)predicate.Value!);
            if (index < 0)
            {
                index = input.Count + index;
            }

            var item = index >= 0 && index < input.Count ? input[index] : null;
            if (item is JsonataArray itemArray)
            {
                return itemArray;
            }

            if (item is not null)
            {
                results.Add(item);
            }

            return results;
        }

        for (var index = 0; index < input.Count; index++)
        {
            var item = input[index];
            var context = item;
            var frame = environment;
            if (input.IsTupleStream)
            {
                var tuple = (Dictionary<string, object?>)item!;
                context = tuple["@"];
                frame = CreateFrameFromTuple(environment, tuple);
            }

            var value = Evaluate(predicate, context, frame);
            if (value is double number)
            {
                value = new JsonataArray(1) { number };
            }

            if (JsonataValue.IsArrayOfNumbers(value) && ((JsonataArray)value!).Count > 0)
            {
                foreach (var position in (JsonataArray)value)
                {
                    var wanted = (int)Math.Floor((double)position!);
                    if (wanted < 0)
                    {
                        wanted = input.Count + wanted;
                    }

                    if (wanted == index)
                    {
                        results.Add(item);
                    }
                }
            }
            else if (JsonataValue.ToBoolean(value) == true)
            {
                results.Add(item);
            }
        }

        return results;
    }

    private static JsonataArray EvaluateWildcard(object? input)
    {
        var results = JsonataArray.Sequence();
        if (input is JsonataArray { IsOuterWrapper: true, Count: > 0 } wrapper)
        {
            input = wrapper[0];
        }

        IEnumerable<object?> values = input switch
        {
            OrderedDictionary<string, object?> map => map.Values,
            JsonataArray array => array,
            _ => [],
        };
        foreach (var value in values)
        {
            if (value is JsonataArray array)
            {
                // jsonata-js appends array values, which leaves a plain array rather than a sequence.
                Flatten(array, results);
                results.IsSequence = false;
            }
            else
            {
                results.Add(value);
            }
        }

        return results;
    }

    private static void Flatten(object? value, JsonataArray into)
    {
        if (value is JsonataArray array)
        {
            foreach (var item in array)
            {
                Flatten(item, into);
            }
        }
        else
        {
            into.Add(value);
        }
    }

    private static object? EvaluateDescendants(object? input)
    {
        if (input is null)
        {
            return null;
        }

        var results = JsonataArray.Sequence();
        CollectDescendants(input, results);
        return results.Count == 1 ? results[0] : results;
    }

    private static void CollectDescendants(object? input, JsonataArray results)
    {
        if (input is JsonataArray array)
        {
            foreach (var member in array)
            {
                CollectDescendants(member, results);
            }

            return;
        }

        results.Add(input);
        if (input is OrderedDictionary<string, object?> map)
        {
            foreach (var value in map.Values)
            {
                CollectDescendants(value, results);
            }
        }
    }
}
