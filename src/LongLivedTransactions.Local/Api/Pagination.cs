using System.Globalization;
using System.Text;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// Pages a list the way the List*/Get* operations do: <c>maxResults</c> (0 or absent: 100) items per page and an
/// opaque <c>nextToken</c> that names the list it belongs to, so a token from one list is refused by another.
/// </summary>
public static class Pagination
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public static (IReadOnlyList<T> Page, string? NextToken) Page<T>(IReadOnlyList<T> items, int? maxResults, string? nextToken, string listId)
    {
        ArgumentNullException.ThrowIfNull(items);
        int size = PageSize(maxResults);
        long offset = nextToken is null ? 0 : ReadPosition(nextToken, listId);
        if (offset > items.Count)
        {
            throw StepFunctionsErrors.InvalidToken(nextToken!);
        }

        var page = items.Skip((int)offset).Take(size).ToList();
        long next = offset + page.Count;
        return (page, next < items.Count ? WriteToken(next, listId) : null);
    }

    /// <summary>How many items a page holds: <c>maxResults</c>, or the default when it is absent or 0.</summary>
    public static int PageSize(int? maxResults) => maxResults is null or 0 ? DefaultPageSize : maxResults.Value;

    /// <summary>A <c>nextToken</c> of this list that holds <paramref name="position"/>.</summary>
    public static string WriteToken(long position, string listId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{position}|{listId}")));

    /// <summary>
    /// The position a <c>nextToken</c> of this list holds (an offset, or, for a list the database pages itself, the
    /// key of the last item of the page before); InvalidToken when it is not one of this list's tokens.
    /// </summary>
    public static long ReadPosition(string token, string listId)
    {
        try
        {
            string text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            int bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && text[(bar + 1)..] == listId
                && long.TryParse(text[..bar], NumberStyles.None, CultureInfo.InvariantCulture, out long offset))
            {
                return offset;
            }
        }
        catch (FormatException)
        {
            // Not base64: falls through to InvalidToken.
        }

        throw StepFunctionsErrors.InvalidToken(token);
    }
}
