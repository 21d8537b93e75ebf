namespace LongLivedTransactions.Local.Api;

/// <summary>
/// Reads the region from a SigV4 Authorization header
/// (<c>AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/states/aws4_request, ...</c>). The signature itself is
/// not checked: a local endpoint accepts any credentials.
/// </summary>
public static class RequestRegion
{
    public static string FromAuthorization(string? authorization, string defaultRegion)
    {
        if (string.IsNullOrEmpty(authorization))
        {
            return defaultRegion;
        }

        const string CredentialKey = "Credential=";
        int start = authorization.IndexOf(CredentialKey, StringComparison.Ordinal);
        if (start < 0)
        {
            return defaultRegion;
        }

        start += CredentialKey.Length;
        int end = authorization.IndexOfAny([',', ' '], start);
        string credential = end < 0 ? authorization[start..] : authorization[start..end];

        // Credential scope: access-key/date/region/service/aws4_request.
        string[] scope = credential.Split('/');
        return scope.Length == 5 && IsRegionName(scope[2]) ? scope[2] : defaultRegion;
    }

    private static bool IsRegionName(string text) =>
        text.Length is > 0 and <= 32 && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
