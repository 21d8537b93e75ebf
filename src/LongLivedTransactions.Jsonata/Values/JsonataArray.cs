namespace LongLivedTransactions.Jsonata.Values;

/// <summary>
/// A JSON array, or a sequence produced while evaluating (jsonata-js marks its arrays with the same flags).
/// </summary>
public sealed class JsonataArray : List<object?>
{
    public JsonataArray()
    {
    }

    public JsonataArray(int capacity)
        : base(capacity)
    {
    }

    public JsonataArray(IEnumerable<object?> items)
        : base(items)
    {
    }

    /// <summary>A result sequence (flattened, and a singleton unwraps to its item).</summary>
    public bool IsSequence { get; set; }

    /// <summary>Set by the keep-array operator <c>[]</c>: a singleton sequence stays an array.</summary>
    public bool KeepSingleton { get; set; }

    /// <summary>An array constructor's result, which a path step does not flatten.</summary>
    public bool IsConstructed { get; set; }

    /// <summary>The wrapper a path puts around a non-array input, removed again at the end.</summary>
    public bool IsOuterWrapper { get; set; }

    /// <summary>A stream of tuples (variable bindings that travel with each item) rather than plain values.</summary>
    internal bool IsTupleStream { get; set; }

    /// <summary>Creates an empty sequence.</summary>
    public static JsonataArray Sequence() => new() { IsSequence = true };

    /// <summary>Creates a sequence holding one item (unless it is undefined).</summary>
    public static JsonataArray Sequence(object? item)
    {
        var sequence = new JsonataArray { IsSequence = true };
        if (item is not null)
        {
            sequence.Add(item);
        }

        return sequence;
    }
}
