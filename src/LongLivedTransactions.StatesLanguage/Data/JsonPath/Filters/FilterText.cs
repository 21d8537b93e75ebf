namespace LongLivedTransactions.StatesLanguage.Data.JsonPath.Filters;

/// <summary>Scanning helpers for filter text: find the bracket that closes an opening one, skipping quoted strings and regular expressions.</summary>
internal static class FilterText
{
    public static int IndexOfClosingParenthesis(string text, int openIndex) => IndexOfClosing(text, openIndex, '(', ')');

    public static int IndexOfClosingSquareBracket(string text, int openIndex) => IndexOfClosing(text, openIndex, '[', ']');

    public static int IndexOfClosingBrace(string text, int openIndex) => IndexOfClosing(text, openIndex, '{', '}');

    private static int IndexOfClosing(string text, int openIndex, char open, char close)
    {
        var depth = 0;
        for (var i = openIndex; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'' || c == '"')
            {
                i = IndexOfUnescaped(text, i + 1, c);
                if (i < 0)
                {
                    return -1;
                }
            }
            else if (c == '/' && open == '(')
            {
                // A regular expression literal: /.../flags.
                var end = IndexOfUnescaped(text, i + 1, '/');
                if (end < 0)
                {
                    return -1;
                }

                i = end;
            }
            else if (c == open)
            {
                depth++;
            }
            else if (c == close)
            {
                depth--;
                if (depth == 0)
                {
                    return i;
                }
            }
        }

        return -1;
    }

    /// <summary>The index of <paramref name="quote"/> at or after <paramref name="from"/> that is not preceded by a backslash escape.</summary>
    public static int IndexOfUnescaped(string text, int from, char quote)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i;
            }
        }

        return -1;
    }
}
