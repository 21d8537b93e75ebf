using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Functions;

/// <summary>What a native function may use of the evaluation that calls it.</summary>
public abstract class FunctionCallContext
{
    /// <summary>The context value (the input the function was called on, <c>@</c>).</summary>
    public abstract object? Input { get; }

    /// <summary>
    /// The time the evaluation started: <c>$now()</c> and <c>$millis()</c> return the same instant for every
    /// call within one evaluation.
    /// </summary>
    public abstract DateTimeOffset Timestamp { get; }

    /// <summary>Calls a function value (a lambda, built-in, partial application or regex) with arguments.</summary>
    public abstract object? Apply(JsonataFunction callee, object?[] arguments);

    /// <summary>Calls a function with the number of arguments it declares, from (value, index, array) for example.</summary>
    public object? ApplyWithArity(JsonataFunction function, object? first, object? second, object? third)
    {
        ArgumentNullException.ThrowIfNull(function);
        var arity = function.Arity;
        object?[] arguments = arity >= 3 ? [first, second, third] : arity == 2 ? [first, second] : [first];
        return Apply(function, arguments);
    }
}
