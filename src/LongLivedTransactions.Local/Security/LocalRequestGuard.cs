using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LongLivedTransactions.Local.Security;

/// <summary>
/// What keeps a web page in the developer's browser from driving the local endpoints, while the AWS CLI and SDKs
/// never notice: only loopback Host names are served (a page reached through DNS rebinding carries its own name),
/// API calls must carry an AWS-style <c>Authorization</c> header (the signature is not checked; the AWS CLI and SDKs
/// always sign, and a browser's cross-origin simple request cannot carry one), and no CORS preflight is ever granted.
/// </summary>
public static class LocalRequestGuard
{
    /// <summary>The Content-Security-Policy of the console: its own scripts, styles and API only; no framing.</summary>
    public const string ConsoleContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static bool IsLoopbackHost(HostString host)
    {
        if (!host.HasValue)
        {
            return false;
        }

        string name = host.Host.Trim('[', ']');
        return string.Equals(name, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(name, out IPAddress? address) && IPAddress.IsLoopback(address));
    }

    /// <summary>An <c>Authorization</c> header of the SigV4 form the AWS CLI and SDKs send (not verified).</summary>
    public static bool HasAwsAuthorization(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("AWS4-HMAC-SHA256 ", StringComparison.Ordinal)
            && authorization.Contains("Credential=", StringComparison.Ordinal)
            && authorization.Contains("Signature=", StringComparison.Ordinal);
    }

    /// <summary>
    /// Answers a request that must not be served and returns true, or returns false for a request that may go on.
    /// <paramref name="isApiCall"/> tells which requests need the Authorization header.
    /// </summary>
    public static async Task<bool> RefuseAsync(HttpContext context, Func<HttpRequest, bool> isApiCall, RefusalShape shape)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(isApiCall);
        HttpRequest request = context.Request;
        if (!IsLoopbackHost(request.Host))
        {
            await WriteAsync(context, StatusCodes.Status403Forbidden, "AccessDeniedException",
                $"Host '{request.Host}' is not a loopback name: this local endpoint answers only requests addressed to 127.0.0.1, localhost or [::1].",
                shape).ConfigureAwait(false);
            return true;
        }

        if (HttpMethods.IsOptions(request.Method))
        {
            // No CORS: a cross-origin page's preflight is refused, so its browser never sends the real request.
            await WriteAsync(context, StatusCodes.Status403Forbidden, "AccessDeniedException",
                "Cross-origin requests are not served by this local endpoint.", shape).ConfigureAwait(false);
            return true;
        }

        if (isApiCall(request) && !HasAwsAuthorization(request))
        {
            if (shape == RefusalShape.LambdaRest)
            {
                await WriteAsync(context, StatusCodes.Status403Forbidden, "MissingAuthenticationTokenException", "Missing Authentication Token", shape).ConfigureAwait(false);
            }
            else
            {
                await WriteAsync(context, StatusCodes.Status400BadRequest, "MissingAuthenticationTokenException", "Request is missing Authentication Token", shape).ConfigureAwait(false);
            }

            return true;
        }

        return false;
    }

    private static async Task WriteAsync(HttpContext context, int status, string type, string message, RefusalShape shape)
    {
        context.Response.StatusCode = status;
        context.Response.Headers["x-amzn-ErrorType"] = type;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        JsonObject body = shape switch
        {
            RefusalShape.LambdaRest => new JsonObject { ["Type"] = "User", ["message"] = message },
            RefusalShape.DynamoDb => new JsonObject { ["__type"] = $"com.amazon.coral.service#{type}", ["message"] = message },
            _ => new JsonObject { ["__type"] = type, ["message"] = message },
        };
        context.Response.ContentType = shape == RefusalShape.DynamoDb ? "application/x-amz-json-1.0" : "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}

/// <summary>The error body a refusal is written in: the protocol of the API the request was meant for.</summary>
public enum RefusalShape
{
    /// <summary>JSON 1.0 (<c>{"__type", "message"}</c>), as the Step Functions API answers.</summary>
    AwsJson,

    /// <summary>The Lambda REST API (<c>{"Type", "message"}</c> and <c>x-amzn-ErrorType</c>).</summary>
    LambdaRest,

    /// <summary>DynamoDB's JSON 1.0 with the coral namespace in <c>__type</c>.</summary>
    DynamoDb,
}
