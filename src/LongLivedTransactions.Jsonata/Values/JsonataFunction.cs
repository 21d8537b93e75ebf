namespace LongLivedTransactions.Jsonata.Values;

/// <summary>
/// A function value: a built-in or host function, a lambda, a partial application or a regex matcher.
/// </summary>
public abstract class JsonataFunction
{
    /// <summary>
    /// How many arguments the function declares. Higher-order functions such as <c>$map</c> pass the
    /// index and the array only to functions that declare them.
    /// </summary>
    public abstract int Arity { get; }
}
