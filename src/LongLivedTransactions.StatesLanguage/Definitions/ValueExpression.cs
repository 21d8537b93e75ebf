using LongLivedTransactions.StatesLanguage.Data;

namespace LongLivedTransactions.StatesLanguage.Definitions;

/// <summary>A dynamic value: a path (<c>$.x</c>, <c>$$.x</c>, <c>$var</c>) or an intrinsic function call (<c>States.Format(...)</c>).</summary>
public sealed class ValueExpression
{
    private ValueExpression(string text, PathReference? path, IntrinsicFunctionCall? intrinsic)
    {
        Text = text;
        Path = path;
        Intrinsic = intrinsic;
    }

    public string Text { get; }

    public PathReference? Path { get; }

    public IntrinsicFunctionCall? Intrinsic { get; }

    /// <exception cref="JsonPathSyntaxException">An invalid path.</exception>
    /// <exception cref="IntrinsicSyntaxException">An invalid intrinsic function call.</exception>
    public static ValueExpression Parse(string text) =>
        IntrinsicFunctionCall.LooksLikeCall(text)
            ? new ValueExpression(text, null, IntrinsicFunctionCall.Parse(text))
            : new ValueExpression(text, PathReference.Parse(text), null);
}
