using System.Diagnostics;
using System.Runtime.CompilerServices;
using LongLivedTransactions.Jsonata.Parsing;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Evaluation;

/// <summary>
/// Evaluates a syntax tree against an input. One instance serves one evaluation: it carries the depth and time
/// limits and the timestamp <c>$now()</c> returns. The language's parts live in partial files by area.
/// </summary>
internal sealed partial class Evaluator
{
    private readonly JsonataOptions _options;
    private readonly long _deadline;
    private const int StepFunctionsMaxDepth = 100;
    private readonly int _maxDepth;
    private int _depth;

    private DateTimeOffset? _timestamp;

    public Evaluator(JsonataOptions options)
    {
        _options = options;
        // AWS Step Functions refuses expressions that nest deeper than about 100 evaluations (see StepFunctions/AWS-LIMITS.md).
        _maxDepth = options.Dialect == JsonataDialect.StepFunctions ? Math.Min(options.MaxDepth, StepFunctionsMaxDepth) : options.MaxDepth;
        _deadline = options.Timeout is { } timeout ? Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency) : long.MaxValue;
    }

    /// <summary>
    /// The evaluation's time, read from the clock when first needed (most evaluations never ask), then the same
    /// for every <c>$now()</c> and <c>$millis()</c> of the evaluation.
    /// </summary>
    public DateTimeOffset Timestamp => _timestamp ??= _options.TimeProvider.GetUtcNow();

    public JsonataOptions Options => _options;

    public object? Evaluate(Node expr, object? input, Frame environment)
    {
        Enter();
        try
        {
            var result = EvaluateNode(expr, input, environment);

            if (expr.Predicate is not null)
            {
                foreach (var stage in expr.Predicate)
                {
                    result = EvaluateFilter(stage.Expression!, result, environment);
                }
            }

            if (expr.Type != NodeType.Path && expr.Group is not null)
            {
                result = EvaluateGroup(expr.Group.Pairs, expr.Group.Position, result, environment);
            }

            if (result is JsonataArray { IsSequence: true, IsTupleStream: false } sequence)
            {
                if (expr.KeepArray)
                {
                    sequence.KeepSingleton = true;
                }

                if (sequence.Count == 0)
                {
                    return null;
                }

                if (sequence.Count == 1 && !sequence.KeepSingleton)
                {
                    return sequence[0];
                }
            }

            return result;
        }
        finally
        {
            _depth--;
        }
    }

    private object? EvaluateNode(Node expr, object? input, Frame environment) => expr.Type switch
    {
        NodeType.Path => EvaluatePath(expr, input, environment),
        NodeType.Binary => EvaluateBinary(expr, input, environment),
        NodeType.Unary => EvaluateUnary(expr, input, environment),
        NodeType.Name => Lookup(input, expr.Text),
        NodeType.String or NodeType.Number or NodeType.Value => expr.Value,
        NodeType.Wildcard => EvaluateWildcard(input),
        NodeType.Descendant => EvaluateDescendants(input),
        NodeType.Parent => environment.Lookup(expr.Slot!.Label),
        NodeType.Condition => EvaluateCondition(expr, input, environment),
        NodeType.Block => EvaluateBlock(expr, input, environment),
        NodeType.Bind => EvaluateBind(expr, input, environment),
        NodeType.Regex => expr.Value,
        NodeType.Function => EvaluateFunctionCall(expr, input, environment, hasContextArgument: false, contextArgument: null),
        NodeType.Variable => EvaluateVariable(expr, input, environment),
        NodeType.Lambda => new Lambda(expr, expr.Arguments!, input, environment),
        NodeType.Partial => EvaluatePartialApplication(expr, input, environment),
        NodeType.Apply => EvaluateApply(expr, input, environment),
        NodeType.Transform => CreateTransform(expr, environment),
        _ => null,
    };

    // Depth is counted per nested evaluation, as jsonata-js counts it, so limits agree with it; the stack check
    // keeps a deep but legal expression from overflowing the thread's stack whatever the limit says.
    private void Enter()
    {
        _depth++;
        if (_depth > _maxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new JsonataException("U1001", "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.");
        }

        if (_deadline != long.MaxValue && Stopwatch.GetTimestamp() > _deadline)
        {
            throw new JsonataException("U1001", "Expression evaluation timeout: Check for infinite loop");
        }
    }

    private static object? EvaluateVariable(Node expr, object? input, Frame environment)
    {
        if (expr.Text.Length == 0)
        {
            // $ alone is the context value.
            return input is JsonataArray { IsOuterWrapper: true } wrapper ? wrapper[0] : input;
        }

        return environment.Lookup(expr.Text);
    }

    private object? EvaluateCondition(Node expr, object? input, Frame environment)
    {
        var condition = Evaluate(expr.Condition!, input, environment);
        if (JsonataValue.ToBoolean(condition) == true)
        {
            return Evaluate(expr.Then!, input, environment);
        }

        return expr.Else is null ? null : Evaluate(expr.Else, input, environment);
    }

    private object? EvaluateBlock(Node expr, object? input, Frame environment)
    {
        // A block is a scope: its variable assignments are not seen outside.
        var frame = new Frame(environment);
        object? result = null;
        foreach (var expression in expr.Expressions!)
        {
            result = Evaluate(expression, input, frame);
        }

        return result;
    }

    private object? EvaluateBind(Node expr, object? input, Frame environment)
    {
        var value = Evaluate(expr.Rhs!, input, environment);
        environment.Bind(expr.Lhs!.Text, value);
        return value;
    }

    /// <summary>The value of field <paramref name="key"/> of an object, or of every object in an array.</summary>
    internal static object? Lookup(object? input, string key)
    {
        switch (input)
        {
            case OrderedDictionary<string, object?> map:
                return map.TryGetValue(key, out var value) ? value : null;
            case JsonataArray array:
                var result = JsonataArray.Sequence();
                foreach (var item in array)
                {
                    var found = Lookup(item, key);
                    if (found is JsonataArray foundArray)
                    {
                        result.AddRange(foundArray);
                    }
                    else if (found is not null)
                    {
                        result.Add(found);
                    }
                }

                return result;
            default:
                return null;
        }
    }

    /// <summary>jsonata-js's append: concatenates, turning single values into arrays; undefined is ignored.</summary>
    internal static object? Append(object? first, object? second)
    {
        if (first is null)
        {
            return second;
        }

        if (second is null)
        {
            return first;
        }

        var result = new JsonataArray();
        if (first is JsonataArray firstArray)
        {
            result.AddRange(firstArray);
        }
        else
        {
            result.Add(first);
        }

        if (second is JsonataArray secondArray)
        {
            result.AddRange(secondArray);
        }
        else
        {
            result.Add(second);
        }

        return result;
    }
}
