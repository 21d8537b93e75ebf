namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>
/// StringMatches patterns: <c>*</c> matches any run of characters; <c>\*</c> is a literal star and
/// <c>\\</c> a literal backslash. Matched by a small backtracking scan, no regular expressions.
/// </summary>
internal static class WildcardPattern
{
    public static bool Matches(string text, string pattern)
    {
        var tokens = Tokenize(pattern);
        var t = 0;
        var p = 0;
        var starToken = -1;
        var starText = 0;
        while (t < text.Length)
        {
            if (p < tokens.Count && tokens[p] is { IsStar: false } literal && literal.Char == text[t])
            {
                t++;
                p++;
            }
            else if (p < tokens.Count && tokens[p].IsStar)
            {
                starToken = p++;
                starText = t;
            }
            else if (starToken >= 0)
            {
                p = starToken + 1;
                t = ++starText;
            }
            else
            {
                return false;
            }
        }

        while (p < tokens.Count && tokens[p].IsStar)
        {
            p++;
        }

        return p == tokens.Count;
    }

    private static List<(bool IsStar, char Char)> Tokenize(string pattern)
    {
        var tokens = new List<(bool, char)>(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length && pattern[i + 1] is '*' or '\\')
            {
                tokens.Add((false, pattern[++i]));
            }
            else
            {
                tokens.Add((c == '*', c));
            }
        }

        return tokens;
    }
}
