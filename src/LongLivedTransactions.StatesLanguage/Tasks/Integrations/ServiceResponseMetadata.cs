using System.Globalization;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Tasks.Integrations;

/// <summary>
/// The SdkHttpMetadata / SdkResponseMetadata blocks that Step Functions adds to the result of an
/// AWS SDK service integration (HTTP 200, a request id, the usual headers).
/// </summary>
internal static class ServiceResponseMetadata
{
    public static JsonObject HttpMetadata(IReadOnlyList<KeyValuePair<string, string>> headers, int statusCode)
    {
        var allHeaders = new JsonObject();
        var singleHeaders = new JsonObject();
        foreach (var (name, value) in headers)
        {
            allHeaders[name] = new JsonArray(value);
            singleHeaders[name] = value;
        }

        return new JsonObject
        {
            ["AllHttpHeaders"] = allHeaders,
            ["HttpHeaders"] = singleHeaders,
            ["HttpStatusCode"] = statusCode,
        };
    }

    public static JsonObject ResponseMetadata(string requestId) => new() { ["RequestId"] = requestId };

    /// <summary>An HTTP Date header value (RFC 1123) for the given instant.</summary>
    public static string HttpDate(DateTimeOffset now) => now.UtcDateTime.ToString("r", CultureInfo.InvariantCulture);
}
