using LongLivedTransactions.StatesLanguage.Data;

namespace LongLivedTransactions.StatesLanguage.Definitions;

/// <summary>Where a path reads from: the state's data (<c>$</c>), the context object (<c>$$</c>) or a variable (<c>$name</c>).</summary>
public enum PathSource
{
    Input,
    Context,
    Variable,
}

/// <summary>
/// A path as written in a definition (<c>$.a.b</c>, <c>$$.Execution.Id</c>, <c>$order.id</c>), split into
/// its source and a JSONPath evaluated against that source's root.
/// </summary>
public sealed class PathReference
{
    private PathReference(string text, PathSource source, string? variableName, JsonPathExpression path)
    {
        Text = text;
        Source = source;
        VariableName = variableName;
        Path = path;
        IsRoot = !path.HasSteps;
    }

    public static PathReference Root { get; } = Parse("$");

    /// <summary>The path exactly as written.</summary>
    public string Text { get; }

    public PathSource Source { get; }

    /// <summary>The variable name for <see cref="PathSource.Variable"/>, without the <c>$</c>.</summary>
    public string? VariableName { get; }

    /// <summary>The parsed path; its steps are applied to the source's root.</summary>
    public JsonPathExpression Path { get; }

    /// <summary>True when the path selects the whole source (<c>$</c>, <c>$$</c>, <c>$name</c>).</summary>
    public bool IsRoot { get; }

    /// <exception cref="JsonPathSyntaxException">The path is not valid.</exception>
    public static PathReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var path = JsonPathExpression.Parse(text);
        var source = path.Root switch
        {
            JsonPathRoot.Context => PathSource.Context,
            JsonPathRoot.Variable => PathSource.Variable,
            JsonPathRoot.Input => PathSource.Input,
            _ => throw new JsonPathSyntaxException($"'{text}' cannot be used here: '@' is only valid inside a filter."),
        };
        return new PathReference(text, source, path.VariableName, path);
    }

    public static bool TryParse(string text, out PathReference? reference)
    {
        try
        {
            reference = Parse(text);
            return true;
        }
        catch (JsonPathSyntaxException)
        {
            reference = null;
            return false;
        }
    }

    public override string ToString() => Text;
}
