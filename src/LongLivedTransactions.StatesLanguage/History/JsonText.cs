using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.History;

/// <summary>
/// The JSON text of a value in an event: either known already, or written on first read from a node
/// that nobody changes any more (the parameters a Task state built for its invoker).
/// </summary>
internal sealed class JsonText
{
    private JsonNode? _node;
    private readonly Lock _lock = new();
    private string? _text;

    private JsonText(string? text, JsonNode? node)
    {
        _text = text;
        _node = node;
    }

    public string Text
    {
        get
        {
            if (_text is not null)
            {
                return _text;
            }

            // One writer at a time: concurrent history readers must not walk the node together.
            lock (_lock)
            {
                if (_text is null)
                {
                    _text = Execution.DataFlow.ToJsonText(_node);
                    _node = null; // the text is all the history needs from now on
                }

                return _text;
            }
        }
    }

    public static JsonText Of(string text) => new(text, null);

    /// <summary>Text written later from <paramref name="node"/>, which must not change afterwards.</summary>
    public static JsonText Later(JsonNode? node) => new(null, node);
}
