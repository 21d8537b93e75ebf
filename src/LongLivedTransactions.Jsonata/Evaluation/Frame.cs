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

    // Most frames (a lambda call with one parameter, a block with one assignment) bind one name: it is kept in
    // these fields, and a dictionary is only made for a second name.
    private string? _singleName;
    private object? _singleValue;

    // An evaluation's root frame holds $$ (the root input) in a field rather than in a dictionary of its own.
    private bool _hasRootInput;
    private object? _rootInput;

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

    /// <summary>
    /// An evaluation's root frame: <c>$$</c> is <paramref name="rootInput"/>, then the host's variables (either
    /// <paramref name="bindings"/>, used as they are, or <paramref name="host"/>), then <paramref name="parent"/>.
    /// </summary>
    public Frame(Frame parent, IReadOnlyDictionary<string, object?>? bindings, IJsonataVariables? host, object? rootInput)
    {
        _parent = parent;
        _fixed = bindings;
        _host = host;
        _hasRootInput = true;
        _rootInput = rootInput;
    }

    public void Bind(string name, object? value)
    {
        if (_hasRootInput && name == "$")
        {
            _rootInput = value;
            return;
        }

        if (_bindings is null)
        {
            if (_singleName is null || _singleName == name)
            {
                _singleName = name;
                _singleValue = value;
                return;
            }

            _bindings = new Dictionary<string, object?>(StringComparer.Ordinal) { [_singleName] = _singleValue };
            _singleName = null;
            _singleValue = null;
        }

        _bindings[name] = value;
    }

    /// <summary>The value bound to <paramref name="name"/> here or in an enclosing frame, or undefined (null).</summary>
    public object? Lookup(string name)
    {
        for (var frame = this; frame is not null; frame = frame._parent)
        {
            if (frame._hasRootInput && name == "$")
            {
                return frame._rootInput;
            }

            if (frame._singleName is not null && frame._singleName == name)
            {
                return frame._singleValue;
            }

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
