using LongLivedTransactions.Jsonata.Functions;

namespace LongLivedTransactions.Jsonata.Parsing;

internal enum NodeType
{
    Path,
    Binary,
    Unary,
    Name,
    String,
    Number,
    Value,
    Wildcard,
    Descendant,
    Parent,
    Condition,
    Block,
    Bind,
    Regex,
    Function,
    Variable,
    Lambda,
    Partial,
    Apply,
    Transform,
    Sort,
    Operator,
    End,
}

/// <summary>
/// A node of the syntax tree. The parser builds it from tokens; the post-parse pass (<see cref="AstBuilder"/>)
/// reshapes it into paths of steps with stages, tuple flags and parent slots, which the evaluator walks.
/// One mutable class with optional parts keeps that reshaping as direct as the language's own definition.
/// </summary>
internal sealed class Node
{
    public Node(NodeType type, string id, object? value, int position)
    {
        Type = type;
        Id = id;
        Value = value;
        Position = position;
    }

    public NodeType Type { get; set; }

    /// <summary>The parser's symbol: an operator text, or (name), (literal), (regex), (end).</summary>
    public string Id { get; }

    /// <summary>The literal value, name, variable name or operator text.</summary>
    public object? Value { get; set; }

    public int Position { get; set; }

    public string Text => Value as string ?? string.Empty;

    // Operands.
    public Node? Lhs { get; set; }

    public Node? Rhs { get; set; }

    public Node? Expression { get; set; }

    public List<Node>? Expressions { get; set; }

    /// <summary>Key/value expressions of an object constructor or group-by.</summary>
    public List<(Node Key, Node Value)>? Pairs { get; set; }

    // Functions.
    public Node? Procedure { get; set; }

    public List<Node>? Arguments { get; set; }

    public Node? Body { get; set; }

    public Signature? Signature { get; set; }

    /// <summary>A lambda made by tail-call optimisation: calling it returns a thunk the caller unwinds.</summary>
    public bool IsThunk { get; set; }

    // Conditions and transforms.
    public Node? Condition { get; set; }

    public Node? Then { get; set; }

    public Node? Else { get; set; }

    public Node? Pattern { get; set; }

    public Node? Update { get; set; }

    public Node? Delete { get; set; }

    /// <summary>Order-by terms.</summary>
    public List<SortTerm>? Terms { get; set; }

    // Paths.
    public List<Node>? Steps { get; set; }

    /// <summary>Filters applied to each step result (inside a path).</summary>
    public List<Stage>? Stages { get; set; }

    /// <summary>Filters applied to the whole result (outside a path).</summary>
    public List<Stage>? Predicate { get; set; }

    public GroupBy? Group { get; set; }

    public bool KeepArray { get; set; }

    public bool KeepSingletonArray { get; set; }

    public bool ConsArray { get; set; }

    /// <summary>The step (or path) carries a tuple stream: variable bindings travel with each item.</summary>
    public bool Tuple { get; set; }

    /// <summary>The variable a step binds its items to (<c>@$x</c>).</summary>
    public string? Focus { get; set; }

    /// <summary>The variable a step binds item positions to (<c>#$i</c>).</summary>
    public string? Index { get; set; }

    /// <summary>The parent slot this step provides to a <c>%</c> further on.</summary>
    public ParentSlot? Ancestor { get; set; }

    /// <summary>The slot a <c>%</c> node reads.</summary>
    public ParentSlot? Slot { get; set; }

    public List<ParentSlot>? SeekingParent { get; set; }
}

internal sealed record SortTerm(bool Descending, Node Expression);

internal enum StageType
{
    Filter,
    Index,
}

internal sealed record Stage(StageType Type, Node? Expression, string? Variable, int Position);

internal sealed record GroupBy(List<(Node Key, Node Value)> Pairs, int Position);

/// <summary>Where a parent operator (<c>%</c>) finds its value: a label bound in the tuple of an earlier step.</summary>
internal sealed class ParentSlot
{
    public ParentSlot(string label, int level, int index)
    {
        Label = label;
        Level = level;
        Index = index;
    }

    public string Label { get; set; }

    public int Level { get; set; }

    public int Index { get; }
}
