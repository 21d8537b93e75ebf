using LongLivedTransactions.Jsonata.Functions;

namespace LongLivedTransactions.Jsonata;

/// <summary>How an expression is compiled and evaluated.</summary>
public sealed class JsonataOptions
{
    public static readonly JsonataOptions Default = new();

    public JsonataDialect Dialect { get; init; } = JsonataDialect.Standard;

    /// <summary>Extra functions the host provides, on top of the built-ins (they may replace one).</summary>
    public FunctionLibrary? Functions { get; init; }

    /// <summary>The clock of <c>$now()</c> and <c>$millis()</c>.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How deep evaluation may nest (function calls and sub-expressions) before it is refused with U1001
    /// instead of overflowing the stack.
    /// </summary>
    public int MaxDepth { get; init; } = 2000;

    /// <summary>The largest sequence a range (<c>[1..n]</c>) may produce (D2014 above it).</summary>
    public int MaxRangeSize { get; init; } = 10_000_000;

    /// <summary>How long one evaluation may run before it is stopped with U1001, or null for no limit.</summary>
    public TimeSpan? Timeout { get; init; }
}
