namespace LongLivedTransactions.Local.Checking;

/// <summary>"Did you mean": the known name closest to a misspelt one.</summary>
internal static class Suggestions
{
    /// <summary>
    /// The candidate nearest to <paramref name="text"/> by edit distance (case counts as half a difference), when it
    /// is close enough to be a typo: at most a third of the name's length, and at most 3 edits. Null otherwise.
    /// </summary>
    public static string? Closest(string text, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(candidates);
        string? best = null;
        double bestDistance = double.MaxValue;
        foreach (string candidate in candidates)
        {
            double distance = Distance(text, candidate);
            if (distance > 0 && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best is not null && bestDistance <= Math.Min(3, Math.Max(1, best.Length / 3.0)) ? best : null;
    }

    /// <summary>Levenshtein distance where a change of case alone costs 0.5.</summary>
    private static double Distance(string a, string b)
    {
        var previous = new double[b.Length + 1];
        var current = new double[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                double substitution = a[i - 1] == b[j - 1] ? 0
                    : char.ToUpperInvariant(a[i - 1]) == char.ToUpperInvariant(b[j - 1]) ? 0.5
                    : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
