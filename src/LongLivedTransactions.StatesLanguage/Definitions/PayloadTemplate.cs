using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Definitions;

/// <summary>
/// A compiled payload template (Parameters, ResultSelector, ItemSelector, Assign): literal JSON with
/// fields named <c>key.$</c> whose values are paths or intrinsic calls. Compiled once when the
/// definition is parsed, so running a state never re-reads the definition JSON.
/// </summary>
public sealed class PayloadTemplate(PayloadNode root)
{
    public PayloadNode Root { get; } = root;
}

/// <summary>A node of a compiled payload template.</summary>
public abstract class PayloadNode;

/// <summary>A JSON value copied as it is.</summary>
public sealed class LiteralPayloadNode(JsonNode? value) : PayloadNode
{
    public JsonNode? Value { get; } = value;
}

/// <summary>A value computed from a path or an intrinsic call; <see cref="FieldName"/> is the key as written (<c>name.$</c>).</summary>
public sealed class DynamicPayloadNode(string fieldName, ValueExpression expression) : PayloadNode
{
    public string FieldName { get; } = fieldName;

    public ValueExpression Expression { get; } = expression;
}

/// <summary>An object; dynamic fields are stored under their name without the <c>.$</c> suffix.</summary>
public sealed class ObjectPayloadNode(IReadOnlyList<KeyValuePair<string, PayloadNode>> fields) : PayloadNode
{
    public IReadOnlyList<KeyValuePair<string, PayloadNode>> Fields { get; } = fields;
}

/// <summary>An array whose items contain dynamic fields.</summary>
public sealed class ArrayPayloadNode(IReadOnlyList<PayloadNode> items) : PayloadNode
{
    public IReadOnlyList<PayloadNode> Items { get; } = items;
}
