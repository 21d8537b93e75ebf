using LongLivedTransactions.Jsonata.Functions;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Tests.StepFunctions;

/// <summary>A call context for calling native functions directly: none of the six calls back into the evaluator.</summary>
internal sealed class TestCallContext : FunctionCallContext
{
    public static readonly TestCallContext Instance = new();

    public override object? Input => null;

    public override DateTimeOffset Timestamp { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override object? Apply(JsonataFunction callee, object?[] arguments) =>
        throw new NotSupportedException("The Step Functions functions take no function arguments.");
}
