using LongLivedTransactions.Jsonata.Parsing;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Evaluation;

/// <summary>Operators: arithmetic, comparison, boolean, string concatenation, inclusion, ranges and constructors.</summary>
internal sealed partial class Evaluator
{
    private object? EvaluateBinary(Node expr, object? input, Frame environment)
    {
        var left = Evaluate(expr.Lhs!, input, environment);
        var op = expr.Id;
        try
        {
            if (op == "and")
            {
                return JsonataValue.Boolean(IsTrue(left) && IsTrue(Evaluate(expr.Rhs!, input, environment)));
            }

            if (op == "or")
            {
                return JsonataValue.Boolean(IsTrue(left) || IsTrue(Evaluate(expr.Rhs!, input, environment)));
            }

            var right = Evaluate(expr.Rhs!, input, environment);
            return op switch
            {
                "+" or "-" or "*" or "/" or "%" => Arithmetic(left, right, op) is { } number ? number : null,
                "=" => JsonataValue.Boolean(left is not null && right is not null && JsonataValue.DeepEquals(left, right)),
                "!=" => JsonataValue.Boolean(left is not null && right is not null && !JsonataValue.DeepEquals(left, right)),
                "<" or "<=" or ">" or ">=" => Compare(left, right, op),
                "&" => string.Concat(ToText(left), ToText(right)),
                ".." => Range(left, right),
                "in" => JsonataValue.Boolean(Includes(left, right)),
                _ => throw new JsonataException("S0201", $"Syntax error: \"{op}\"", expr.Position, op),
            };
        }
        catch (JsonataException error) when (SetLocation(error, expr.Position, op))
        {
            throw; // not reached: the filter only records where the operator is
        }
    }

    private static bool SetLocation(JsonataException error, int position, string op)
    {
        error.Position = position;
        error.Token = op;
        return false;
    }

    private static bool IsTrue(object? value) => JsonataValue.ToBoolean(value) == true;

    private static double? Arithmetic(object? left, object? right, string op)
    {
        if (left is not null && !IsNumeric(left))
        {
            throw new JsonataException("T2001", $"The left side of the \"{op}\" operator must evaluate to a number", value: left);
        }

        if (right is not null && !IsNumeric(right))
        {
            throw new JsonataException("T2002", $"The right side of the \"{op}\" operator must evaluate to a number", value: right);
        }

        if (left is null || right is null)
        {
            return null;
        }

        var a = (double)left;
        var b = (double)right;
        return op switch
        {
            "+" => a + b,
            "-" => a - b,
            "*" => a * b,
            "/" => a / b,
            _ => a % b,
        };
    }

    /// <summary>jsonata-js's isNumeric: a number that is not NaN; an infinite one is an error (D1001).</summary>
    internal static bool IsNumeric(object? value)
    {
        if (value is not double number || double.IsNaN(number))
        {
            return false;
        }

        if (double.IsInfinity(number))
        {
            throw new JsonataException("D1001", "Number out of range", value: number);
        }

        return true;
    }

    private static object? Compare(object? left, object? right, string op)
    {
        var leftComparable = left is null or string or double;
        var rightComparable = right is null or string or double;
        if (!leftComparable || !rightComparable)
        {
            var culprit = left is string or double ? right : left;
            throw new JsonataException("T2010", $"The expressions either side of operator \"{op}\" must evaluate to numeric or string values", value: culprit);
        }

        if (left is null || right is null)
        {
            return null;
        }

        int order;
        if (left is double a && right is double b)
        {
            // NaN compares false every way, as in JavaScript.
            if (double.IsNaN(a) || double.IsNaN(b))
            {
                return JsonataValue.False;
            }

            order = a.CompareTo(b);
        }
        else if (left is string x && right is string y)
        {
            order = string.CompareOrdinal(x, y);
        }
        else
        {
            throw new JsonataException("T2009", $"The values {left} and {right} either side of operator \"{op}\" must be of the same data type", value: left);
        }

        return JsonataValue.Boolean(op switch
        {
            "<" => order < 0,
            "<=" => order <= 0,
            ">" => order > 0,
            _ => order >= 0,
        });
    }

    private static bool Includes(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return false;
        }

        if (right is JsonataArray array)
        {
            return array.Exists(item => StrictEquals(item, left));
        }

        return StrictEquals(right, left);
    }

    /// <summary>JavaScript's <c>===</c>: equal primitives, or the very same object.</summary>
    private static bool StrictEquals(object? a, object? b) => (a, b) switch
    {
        (double x, double y) => x == y,
        (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
        (bool x, bool y) => x == y,
        _ => ReferenceEquals(a, b),
    };

    private JsonataArray? Range(object? left, object? right)
    {
        if (left is not null && !IsInteger(left))
        {
            throw new JsonataException("T2003", "The left side of the range operator (..) must evaluate to an integer", value: left);
        }

        if (right is not null && !IsInteger(right))
        {
            throw new JsonataException("T2004", "The right side of the range operator (..) must evaluate to an integer", value: right);
        }

        if (left is null || right is null)
        {
            return null;
        }

        var start = (double)left;
        var end = (double)right;
        if (start > end)
        {
            return null;
        }

        var size = end - start + 1;
        if (_options.Dialect == JsonataDialect.StepFunctions && size > StepFunctionsMaxSequence)
        {
            // AWS refuses such sequences with a memory limit (measured: 873,782 numbers pass, 873,783 do not).
            throw new JsonataException("U1002", "Expression evaluation memory limit exceeded: Check for excessive memory usage", value: size);
        }

        if (size > _options.MaxRangeSize)
        {
            throw new JsonataException("D2014", $"The size of the sequence allocated by the range operator (..) must not exceed {_options.MaxRangeSize}.  Attempted to allocate {size}.", value: size);
        }

        var result = new JsonataArray((int)size) { IsSequence = true };
        for (var value = start; value <= end; value++)
        {
            result.Add(value);
        }

        return result;
    }

    /// <summary>The longest sequence AWS Step Functions lets an expression build (see StepFunctions/AWS-LIMITS.md).</summary>
    private const int StepFunctionsMaxSequence = 873_782;

    private static bool IsInteger(object? value) => value is double number && double.IsFinite(number) && Math.Floor(number) == number;

    private static string ToText(object? value) => value is null ? string.Empty : JsonataJson.ToJsonataString(value) ?? string.Empty;

    private object? EvaluateUnary(Node expr, object? input, Frame environment)
    {
        switch (expr.Id)
        {
            case "-":
                var value = Evaluate(expr.Expression!, input, environment);
                if (value is null)
                {
                    return null;
                }

                if (IsNumeric(value))
                {
                    return -(double)value;
                }

                throw new JsonataException("D1002", "Cannot negate a non-numeric value", expr.Position, "-", value);
            case "[":
                return ConstructArray(expr, input, environment);
            case "{":
                return EvaluateGroup(expr.Pairs!, expr.Position, input, environment);
            default:
                return null;
        }
    }

    private JsonataArray ConstructArray(Node expr, object? input, Frame environment)
    {
        if (expr.Expressions!.Count == 1 && expr.Expressions[0] is { Type: NodeType.Binary, Id: ".." } onlyRange)
        {
            // [a..b] alone: the range's new array becomes the constructed array, rather than a copy of it.
            var value = Evaluate(onlyRange, input, environment);
            var range = value as JsonataArray ?? new JsonataArray(1);
            if (value is not null and not JsonataArray)
            {
                range.Add(value);
            }

            range.IsSequence = false;
            range.IsConstructed = expr.ConsArray;
            return range;
        }

        var result = new JsonataArray(expr.Expressions!.Count) { IsConstructed = expr.ConsArray };
        foreach (var item in expr.Expressions)
        {
            var value = Evaluate(item, input, environment);
            if (value is null)
            {
                continue;
            }

            if (item is { Type: NodeType.Unary, Id: "[" })
            {
                // A nested array constructor stays an item; anything else is appended (arrays flatten one level).
                result.Add(value);
            }
            else if (value is JsonataArray array)
            {
                result.AddRange(array);
            }
            else
            {
                result.Add(value);
            }
        }

        return result;
    }
}
