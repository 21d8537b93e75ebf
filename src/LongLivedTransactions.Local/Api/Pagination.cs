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
        int size = maxResults is null or 0 ? DefaultPageSize : maxResults.Value;
        int offset = nextToken is null ? 0 : ReadToken(nextToken, listId);
        if (offset > items.Count)
        {
            throw StepFunctionsErrors.InvalidToken(nextToken!);
        }

        var page = items.Skip(offset).Take(size).ToList();
        int next = offset + page.Count;
        return (page, next < items.Count ? WriteToken(next, listId) : null);
    }

    private static string WriteToken(int offset, string listId) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{offset}|{listId}"));

    private static int ReadToken(string token, string listId)
    {
        try
        {
            string text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            int bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar > 0 && text[(bar + 1)..] == listId
                && int.TryParse(text[..bar], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int offset))
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
