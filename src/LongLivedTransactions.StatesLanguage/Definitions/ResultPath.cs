using LongLivedTransactions.StatesLanguage.Data;

namespace LongLivedTransactions.StatesLanguage.Definitions;

/// <summary>Where a state's result goes in its input: a reference path, or null to discard the result.</summary>
public sealed class ResultPath
{
    private ResultPath(JsonPathExpression? path) => Path = path;

    /// <summary>The default, <c>$</c>: the result replaces the input.</summary>
    public static ResultPath Root { get; } = new(JsonPathExpression.Parse("$"));

    /// <summary><c>"ResultPath": null</c>: the result is discarded and the input passes through.</summary>
    public static ResultPath Discard { get; } = new(null);

    /// <summary>The target path, or null when the result is discarded.</summary>
    public JsonPathExpression? Path { get; }

    public bool IsDiscard => Path is null;

    public bool IsRoot => Path is not null && Path.Text == "$";

    public static ResultPath Of(JsonPathExpression path) => path.Text == "$" ? Root : new ResultPath(path);
}
