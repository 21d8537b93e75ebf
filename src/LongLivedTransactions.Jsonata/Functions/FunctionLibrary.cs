using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Functions;

/// <summary>A set of named functions an expression can call, looked up by name without the <c>$</c>.</summary>
public sealed class FunctionLibrary
{
    private readonly Dictionary<string, JsonataFunction> _functions = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, JsonataFunction> Functions => _functions;

    /// <summary>Adds or replaces a function.</summary>
    public FunctionLibrary Add(string name, string? signature, int arity, NativeImplementation implementation)
    {
        _functions[name] = new NativeFunction(name, signature, arity, implementation);
        return this;
    }

    /// <summary>Adds or replaces a function value under a name.</summary>
    public FunctionLibrary Add(string name, JsonataFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        _functions[name] = function;
        return this;
    }

    public bool Remove(string name) => _functions.Remove(name);

    public bool TryGet(string name, out JsonataFunction function) => _functions.TryGetValue(name, out function!);

    /// <summary>Copies every function of <paramref name="other"/> into this library.</summary>
    public FunctionLibrary AddAll(FunctionLibrary other)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (name, function) in other._functions)
        {
            _functions[name] = function;
        }

        return this;
    }
}
