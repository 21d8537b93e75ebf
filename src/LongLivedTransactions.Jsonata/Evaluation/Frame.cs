namespace LongLivedTransactions.Jsonata.Evaluation;

/// <summary>
/// A scope of variable bindings. Blocks, lambda calls and tuple steps open a new frame; lookups walk outwards.
/// </summary>
internal sealed class Frame
{
    private readonly Frame? _parent;
    private readonly IReadOnlyDictionary<string, object?>? _fixed;
    private readonly IJsonataVariables? _host;
    private Dictionary<string, object?>? _bindings;

    public Frame(Frame? parent)
    {
        _parent = parent;
    }

    /// <summary>A root frame over a fixed set of bindings (the function library).</summary>
    public Frame(IReadOnlyDictionary<string, object?> bindings)
    {
        _fixed = bindings;
    }

    /// <summary>A frame whose unbound names are looked up in the host's variables.</summary>
    public Frame(Frame parent, IJsonataVariables host)
    {
        _parent = parent;
        _host = host;
    }

    public void Bind(string name, object? value)
    {
        _bindings ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        _bindings[name] = value;
    }

    /// <summary>The value bound to <paramref name="name"/> here or in an enclosing frame, or undefined (null).</summary>
    public object? Lookup(string name)
    {
        for (var frame = this; frame is not null; frame = frame._parent)
        {
            if (frame._bindings is not null && frame._bindings.TryGetValue(name, out var value))
            {
                return value;
            }

            if (frame._host is not null && frame._host.TryGetValue(name, out value))
            {
                return value;
            }

            if (frame._fixed is not null && frame._fixed.TryGetValue(name, out value))
            {
                return value;
            }
        }

        return null;
    }
}
