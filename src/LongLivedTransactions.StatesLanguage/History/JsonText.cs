using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.History;

/// <summary>
/// The JSON text of a value in an event: either known already, or written on first read from a node that
/// nobody changes any more (state data is never changed once recorded). Most events of a busy engine are
/// never read, so most of their text is never written. It also knows an upper bound of the value's UTF-8
/// size, enough to enforce the payload limit without writing the text.
/// </summary>
internal sealed class JsonText
{
    // UTF-16 text written again as JSON takes at most 6 bytes a char ("\uD83D" for half an emoji).
    private const int MaxBytesPerChar = 6;

    private readonly JsonNode? _node;
    private string? _text;

    private JsonText(string? text, JsonNode? node, long maxBytes)
    {
        _text = text;
        _node = node;
        MaxBytes = maxBytes;
    }

    /// <summary>The value written as JSON, as history events carry it.</summary>
    public string Text
    {
        get
        {
            if (_text is { } text)
            {
                return text;
            }

            // One writer at a time: concurrent history readers must not walk the node together.
            lock (_node!)
            {
                return _text ??= Execution.DataFlow.ToJsonText(_node);
            }
        }
    }

    /// <summary>The node the text is written from (null when the text was given).</summary>
    public JsonNode? Node => _node;

    /// <summary>
    /// At least the UTF-8 size of <see cref="Text"/>, and of the text of any part of the value. Whether it is exact is not
    /// kept (a field in every text): a value over the limit, rare, is measured once more to be sure.
    /// </summary>
    public long MaxBytes { get; }

    /// <summary>Text known already; the bound also covers the value's parts written again from a parsed node.</summary>
    public static JsonText Of(string text) => new(text, null, (long)text.Length * MaxBytesPerChar);

    /// <summary>Text written later from <paramref name="node"/>, which must not change afterwards; its size is bounded now.</summary>
    public static JsonText Bounded(JsonNode? node) =>
        node is null ? Null() : new(null, node, Execution.JsonSizeBound.Of(node));

    private static JsonText Null() => new("null", null, "null".Length);

    /// <summary>Text written later from <paramref name="node"/>, which must not change afterwards; its size is not needed.</summary>
    public static JsonText Later(JsonNode? node) => node is null ? Null() : new(null, node, long.MaxValue);

    /// <summary>Text written later from <paramref name="node"/>, a part of a value whose size bound is <paramref name="maxBytes"/>.</summary>
    public static JsonText Within(JsonNode? node, long maxBytes) =>
        node is null ? Null() : new(null, node, maxBytes);
}
