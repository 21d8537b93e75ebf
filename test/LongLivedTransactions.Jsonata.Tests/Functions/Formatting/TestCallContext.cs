using LongLivedTransactions.Jsonata.Functions;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Tests.Functions.Formatting;

/// <summary>A call context with a fixed timestamp, for calling built-ins without the evaluator.</summary>
internal sealed class TestCallContext(DateTimeOffset timestamp, object? input = null) : FunctionCallContext
{
    public static readonly DateTimeOffset DefaultTimestamp = new(2024, 6, 15, 17, 45, 30, 123, TimeSpan.Zero);

    public TestCallContext()
        : this(DefaultTimestamp)
    {
    }

    public override object? Input => input;

    public override DateTimeOffset Timestamp => timestamp;

    public override object? Apply(JsonataFunction callee, object?[] arguments) =>
        throw new NotSupportedException("The picture-string functions call no other function.");
}
