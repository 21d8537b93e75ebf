using System.Globalization;

namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>ISO-8601 extended offset date-times, as the States Language requires them ("2016-03-14T01:59:00Z").</summary>
public static class Timestamps
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'z'",
    ];

    /// <summary>Parses a timestamp with a 'T' separator and a zone designator (Z or ±hh:mm); nothing looser.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        if (text.Length < 20 || text[10] != 'T')
        {
            return false;
        }

        // Fractions beyond 7 digits (nanoseconds) are valid ISO-8601 but .NET keeps only 7.
        var trimmed = TrimExtraFraction(text);
        return DateTimeOffset.TryParseExact(trimmed, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    /// <summary>The ISO-8601 text AWS uses in the context object ("2024-01-01T00:00:00.000Z").</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string TrimExtraFraction(string text)
    {
        var dot = text.IndexOf('.', 19);
        if (dot != 19)
        {
            return text;
        }

        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - dot - 1 > 7 ? string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end)) : text;
    }
}
