using System.Globalization;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Data.JsonPath;

namespace LongLivedTransactions.StatesLanguage.Data.Intrinsics;

/// <summary>One function implementation: takes the evaluated arguments, returns the result.</summary>
internal delegate JsonNode? IntrinsicFunction(IntrinsicInvocation invocation);

/// <summary>The evaluated arguments of one call, with checks that fail in the States.IntrinsicFailure shape.</summary>
internal sealed class IntrinsicInvocation(string name, IReadOnlyList<IntrinsicArgument> arguments, JsonNode?[] values, Random random)
{
    public string Name { get; } = name;

    public IReadOnlyList<IntrinsicArgument> Arguments { get; } = arguments;

    public IReadOnlyList<JsonNode?> Values { get; } = values;

    public Random Random { get; } = random;

    public int Count => Values.Count;

    public void ExpectCount(int expected)
    {
        if (Count != expected)
        {
            throw Failure($"expected {expected} argument{(expected == 1 ? string.Empty : "s")} but got {Count}");
        }
    }

    public void ExpectCount(int minimum, int maximum)
    {
        if (Count < minimum || Count > maximum)
        {
            throw Failure($"expected {minimum} to {maximum} arguments but got {Count}");
        }
    }

    /// <summary>The argument as a value that can be attached to a new parent.</summary>
    public JsonNode? Detached(int index)
    {
        var value = Values[index];
        return value?.Parent is null ? value : value.DeepClone();
    }

    public string String(int index) =>
        JsonNodeValues.TryGetString(Values[index], out var text) ? text : throw Failure($"argument {index + 1} must be a string");

    public JsonArray Array(int index) => Values[index] as JsonArray ?? throw Failure($"argument {index + 1} must be an array");

    public JsonObject Object(int index) => Values[index] as JsonObject ?? throw Failure($"argument {index + 1} must be a JSON object");

    public bool Boolean(int index) =>
        JsonNodeValues.IsBoolean(Values[index]) ? Values[index]!.GetValue<bool>() : throw Failure($"argument {index + 1} must be a boolean");

    public double Number(int index) =>
        JsonNodeValues.IsNumber(Values[index]) ? JsonNodeValues.GetDouble(Values[index]) : throw Failure($"argument {index + 1} must be a number");

    /// <summary>A whole number (1 and 1.0 both qualify).</summary>
    public long Integer(int index)
    {
        var node = Values[index];
        if (JsonNodeValues.TryGetDecimal(node, out var value) && value == decimal.Truncate(value) && value >= long.MinValue && value <= long.MaxValue)
        {
            return (long)value;
        }

        throw Failure($"argument {index + 1} must be an integer");
    }

    /// <summary>A number rounded to the nearest integer, halves up (Java's Math.round), as States.MathAdd does.</summary>
    public long RoundedInteger(int index)
    {
        var rounded = Math.Floor(Number(index) + 0.5);
        return rounded is >= long.MinValue and <= long.MaxValue
            ? (long)rounded
            : throw Failure($"argument {index + 1} is out of range");
    }

    public IntrinsicFailureException Failure(string reason) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Invalid arguments in {Name}: {reason}"));
}
