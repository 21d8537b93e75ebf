using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata;

/// <summary>A compiled JSONata expression: compile once, evaluate many times (thread-safe).</summary>
public sealed class JsonataExpression
{
    /// <summary>Parses <paramref name="expression"/>; a syntax error is a <see cref="JsonataException"/> with an S0xxx code.</summary>
    public static JsonataExpression Compile(string expression, JsonataOptions? options = null)
    {
        throw new NotImplementedException();
    }

    /// <summary>
    /// Evaluates against <paramref name="input"/> (C# null: no input at all) with variable bindings (names without
    /// the <c>$</c>). Returns C# null for undefined. Errors are <see cref="JsonataException"/>s.
    /// </summary>
    public object? Evaluate(object? input, IReadOnlyDictionary<string, object?>? bindings = null)
    {
        throw new NotImplementedException();
    }
}
