namespace LongLivedTransactions.StatesLanguage.Data;

/// <summary>Which document a path starts from.</summary>
public enum JsonPathRoot
{
    /// <summary><c>$</c>: the state's input (or whatever document the caller passes).</summary>
    Input,

    /// <summary><c>$$</c>: the context object.</summary>
    Context,

    /// <summary><c>$name</c>: the workflow variable <c>name</c>.</summary>
    Variable,

    /// <summary><c>@</c>: the current item inside a filter expression.</summary>
    Current,
}
