using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Functions;

/// <summary>
/// The body of a built-in or host function. <paramref name="arguments"/> have already been checked against
/// the function's signature (and the context value inserted where the signature says <c>-</c>); an argument
/// the caller left out is absent from the array or C# <c>null</c> (undefined). Return C# <c>null</c> for
/// undefined and <see cref="JsonNull.Value"/> for JSON null.
/// </summary>
public delegate object? NativeImplementation(object?[] arguments, FunctionCallContext context);

/// <summary>A function written in C#: a JSONata built-in, a Step Functions addition or a host's own.</summary>
public sealed class NativeFunction : JsonataFunction
{
    /// <param name="name">The name without the <c>$</c>.</param>
    /// <param name="signature">A JSONata signature such as <c>&lt;s-n?:s&gt;</c>, or null for no checking.</param>
    /// <param name="arity">
    /// How many parameters the function declares (jsonata-js uses the implementation's parameter count):
    /// higher-order functions pass a callback only as many arguments as it declares.
    /// </param>
    /// <param name="implementation">The body.</param>
    public NativeFunction(string name, string? signature, int arity, NativeImplementation implementation)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(implementation);
        Name = name;
        Signature = signature is null ? null : Signature.Parse(signature);
        Arity = arity;
        Implementation = implementation;
    }

    public string Name { get; }

    public Signature? Signature { get; }

    public override int Arity { get; }

    public NativeImplementation Implementation { get; }

    /// <summary>Reads argument <paramref name="index"/>, or undefined (null) when the caller left it out.</summary>
    public static object? Argument(object?[] arguments, int index)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return index < arguments.Length ? arguments[index] : null;
    }
}
