using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Data.Intrinsics;

namespace LongLivedTransactions.StatesLanguage.Data;

/// <summary>
/// A parsed intrinsic function call such as <c>States.Format('Hello {}', $.name)</c>: parse once
/// when the definition is read, evaluate on every run. Immutable and thread-safe.
/// </summary>
public sealed class IntrinsicFunctionCall
{
    private readonly IntrinsicFunction _function;
    private readonly IReadOnlyList<IntrinsicArgument> _arguments;

    internal IntrinsicFunctionCall(string name, IntrinsicFunction function, IReadOnlyList<IntrinsicArgument> arguments)
    {
        Name = name;
        _function = function;
        _arguments = arguments;
    }

    /// <summary>The function name, e.g. <c>States.Format</c>.</summary>
    public string Name { get; }

    /// <summary>True when the text is meant as an intrinsic call: it starts with <c>States.</c> and has a '('.</summary>
    public static bool LooksLikeCall(string text) =>
        text is not null
        && text.TrimStart().StartsWith("States.", StringComparison.Ordinal)
        && text.Contains('(', StringComparison.Ordinal);

    /// <exception cref="IntrinsicSyntaxException">The text is not a valid call of a known function.</exception>
    public static IntrinsicFunctionCall Parse(string text) => IntrinsicParser.Parse(text);

    /// <summary>Runs the call.</summary>
    /// <param name="resolvePath">Gives the value of a path argument (<c>$.x</c>, <c>$$.x</c>, <c>$var.x</c>);
    /// it throws the caller's own error when the path does not exist.</param>
    /// <param name="random">The source for States.MathRandom (without seed) and States.UUID.</param>
    /// <exception cref="IntrinsicFailureException">The arguments do not suit the function.</exception>
    public JsonNode? Evaluate(Func<string, JsonNode?> resolvePath, Random random)
    {
        ArgumentNullException.ThrowIfNull(resolvePath);
        ArgumentNullException.ThrowIfNull(random);
        var values = new JsonNode?[_arguments.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _arguments[i].Evaluate(resolvePath, random);
        }

        return _function(new IntrinsicInvocation(Name, _arguments, values, random));
    }

    public override string ToString() => Name;
}
