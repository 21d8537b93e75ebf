using Microsoft.AspNetCore.Http;

namespace LongLivedTransactions.Local.Api;

/// <summary>Reads and discards what is left of a request body that is refused, so that the client gets the answer.</summary>
internal static class BodyDrain
{
    public static async Task DrainAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await request.Body.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException)
        {
            // Beyond the server's own limit: the connection closes, as any server's would.
        }
    }
}
