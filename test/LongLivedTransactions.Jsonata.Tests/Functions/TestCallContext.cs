using LongLivedTransactions.Jsonata.Functions;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Tests.Functions;

/// <summary>
/// Calls built-ins the way the evaluator does: arguments checked against the signature (with the context value for
/// '-'), then the implementation. Callbacks are native functions or regexes; their context is JSON null, as
/// jsonata-js passes to a function called back by a higher-order function.
/// </summary>
internal sealed class TestCallContext : FunctionCallContext
{
    private static readonly FunctionLibrary Library = StandardLibrary.Create();

    public TestCallContext(object? input = null)
    {
        Input = input;
    }

    public override object? Input { get; }

    public override DateTimeOffset Timestamp { get; } = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    /// <summary>How many calls went through <see cref="Apply"/>, so tests can see what a function called back.</summary>
    public List<object?[]> Calls { get; } = [];

    public static object? Call(string name, params object?[] arguments) => new TestCallContext().Invoke(name, arguments);

    public object? Invoke(string name, params object?[] arguments)
    {
        Assert.True(Library.TryGet(name, out var function), $"${name} is not registered");
        return Invoke(function, arguments, Input);
    }

    public override object? Apply(JsonataFunction callee, object?[] arguments)
    {
        Calls.Add(arguments);
        return callee switch
        {
            JsonataRegex regex => arguments.Length > 0 && arguments[0] is string text ? regex.Execute(text, 0) : null,
            _ => Invoke(callee, arguments, JsonNull.Value),
        };
    }

    private object? Invoke(JsonataFunction function, object?[] arguments, object? context)
    {
        var native = Assert.IsType<NativeFunction>(function);
        var validated = native.Signature is null ? arguments : native.Signature.Validate(arguments, context, native.Name);
        return native.Implementation(validated, this);
    }
}
