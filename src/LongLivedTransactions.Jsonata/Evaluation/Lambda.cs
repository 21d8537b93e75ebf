using LongLivedTransactions.Jsonata.Parsing;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Evaluation;

/// <summary>A function defined in JSONata (<c>function($x){...}</c>), closed over its input and scope.</summary>
internal sealed class Lambda : JsonataFunction
{
    public Lambda(Node definition, IReadOnlyList<Node> parameters, object? input, Frame environment)
    {
        Definition = definition;
        Parameters = parameters;
        Input = input;
        Environment = environment;
    }

    public Node Definition { get; }

    /// <summary>The parameters still to be supplied (fewer than the definition's after partial application).</summary>
    public IReadOnlyList<Node> Parameters { get; }

    public object? Input { get; }

    public Frame Environment { get; }

    public bool IsThunk => Definition.IsThunk;

    public override int Arity => Parameters.Count;
}

/// <summary>A built-in or host function with some arguments fixed (<c>$substring(?, 0, 3)</c>).</summary>
internal sealed class PartialFunction : JsonataFunction
{
    /// <summary>Marks an argument position left open by <c>?</c>.</summary>
    public static readonly object Placeholder = new();

    public PartialFunction(JsonataFunction target, object?[] arguments)
    {
        Target = target;
        Arguments = arguments;
        Arity = Array.FindAll(arguments, argument => ReferenceEquals(argument, Placeholder)).Length;
    }

    public JsonataFunction Target { get; }

    public object?[] Arguments { get; }

    public override int Arity { get; }

    /// <summary>The full argument list with the open positions filled, in order, from <paramref name="supplied"/>.</summary>
    public object?[] Fill(object?[] supplied)
    {
        var result = new object?[Arguments.Length];
        var next = 0;
        for (var i = 0; i < Arguments.Length; i++)
        {
            result[i] = ReferenceEquals(Arguments[i], Placeholder)
                ? next < supplied.Length ? supplied[next++] : null
                : Arguments[i];
        }

        return result;
    }
}

/// <summary>Two functions chained with <c>~&gt;</c>: <c>$f ~&gt; $g</c> is <c>function($x){ $g($f($x)) }</c>.</summary>
internal sealed class ChainedFunction : JsonataFunction
{
    public ChainedFunction(JsonataFunction first, JsonataFunction second)
    {
        First = first;
        Second = second;
    }

    public JsonataFunction First { get; }

    public JsonataFunction Second { get; }

    public override int Arity => 1;
}
