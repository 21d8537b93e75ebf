using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Local.Functions;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;
using Microsoft.AspNetCore.Http;

namespace LongLivedTransactions.Local.LambdaApi;

/// <summary>
/// The part of the Lambda REST API that tries one saga function alone: <c>Invoke</c> (RequestResponse, and DryRun)
/// at <c>POST /2015-03-31/functions/{name}/invocations</c> and <c>ListFunctions</c> at <c>GET /2015-03-31/functions/</c>.
/// Errors have Lambda's shape: the <c>x-amzn-ErrorType</c> header and <c>{"Type": "User", "message": ...}</c>.
/// </summary>
public sealed class LambdaEndpoint(ILambdaFunctionHost functions, LocalArns arns, TimeProvider timeProvider)
{
    public const string InvokePath = "/2015-03-31/functions/{functionName}/invocations";
    public const string ListPath = "/2015-03-31/functions";

    /// <summary>The path every Lambda API call starts with.</summary>
    public const string ApiPrefix = "/2015-03-31";

    private const int MaxPayloadBytes = 6 * 1024 * 1024;

    private readonly DateTimeOffset lastModified = timeProvider.GetUtcNow();

    public async Task InvokeAsync(HttpContext context, string functionName)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(functionName);
        string requested = Uri.UnescapeDataString(functionName);
        string? name = ResolveFunction(requested, context.Request.Query["Qualifier"].ToString());
        if (name is null)
        {
            string shown = requested.StartsWith("arn:", StringComparison.Ordinal) ? requested : arns.Function(requested);
            await ErrorAsync(context, StatusCodes.Status404NotFound, "ResourceNotFoundException", $"Function not found: {shown}").ConfigureAwait(false);
            return;
        }

        string invocationType = context.Request.Headers["X-Amz-Invocation-Type"].ToString() is { Length: > 0 } type ? type : "RequestResponse";
        if (invocationType is not ("RequestResponse" or "DryRun"))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidParameterValueException",
                $"Invocation type '{invocationType}' is not supported here: use RequestResponse (or DryRun).").ConfigureAwait(false);
            return;
        }

        string? payload = await ReadPayloadAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
        if (payload is null)
        {
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "RequestTooLargeException",
                $"Request must be smaller than {MaxPayloadBytes} bytes for the InvokeFunction operation").ConfigureAwait(false);
            return;
        }

        if (payload.Length > 0 && payload[0] == InvalidUtf8Marker)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidRequestContentException",
                "Could not parse request body into json: the body is not valid UTF-8.").ConfigureAwait(false);
            return;
        }

        if (!IsJson(payload, out string? parseError))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "InvalidRequestContentException",
                $"Could not parse request body into json: {parseError}").ConfigureAwait(false);
            return;
        }

        if (invocationType == "DryRun")
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }

        LambdaInvocationResult result;
        try
        {
            result = await functions.InvokeAsync(name, payload, context.RequestAborted).ConfigureAwait(false);
        }
        catch (TaskFailedException failure)
        {
            await ErrorAsync(context, StatusCodes.Status500InternalServerError, "ServiceException", failure.Message).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = result.StatusCode;
        context.Response.Headers["X-Amz-Executed-Version"] = result.ExecutedVersion;
        if (result.FunctionError is { } functionError)
        {
            context.Response.Headers["X-Amz-Function-Error"] = functionError;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(result.PayloadJson, context.RequestAborted).ConfigureAwait(false);
    }

    public async Task ListAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var list = new JsonArray();
        foreach (FunctionDefinition function in SagaTopology.Functions)
        {
            list.Add(new JsonObject
            {
                ["FunctionName"] = function.Name,
                ["FunctionArn"] = arns.Function(function.Name),
                ["Runtime"] = "dotnet10",
                ["Role"] = arns.Role($"{function.Name}Role"),
                ["Handler"] = function.Handler,
                ["Description"] = $"Saga function on the {function.Table.LogicalName} table (in-process on the local cloud).",
                ["Timeout"] = 30,
                ["MemorySize"] = 512,
                ["LastModified"] = lastModified.ToString("yyyy-MM-dd'T'HH:mm:ss.fff+0000", System.Globalization.CultureInfo.InvariantCulture),
                ["Version"] = "$LATEST",
                ["PackageType"] = "Zip",
                ["Architectures"] = new JsonArray("arm64"),
                ["Environment"] = new JsonObject
                {
                    ["Variables"] = new JsonObject { [SagaTopology.TableNameVariable] = function.Table.LogicalName },
                },
            });
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(new JsonObject { ["Functions"] = list }.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>
    /// The payload text; null when it is larger than Lambda's limit, and <see cref="InvalidUtf8Marker"/> alone when it
    /// is not UTF-8.
    /// </summary>
    private static async Task<string?> ReadPayloadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxPayloadBytes)
        {
            await Api.BodyDrain.DrainAsync(request, cancellationToken).ConfigureAwait(false);
            return null;
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        try
        {
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxPayloadBytes)
                {
                    await Api.BodyDrain.DrainAsync(request, cancellationToken).ConfigureAwait(false);
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException unreadable) when (unreadable.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }

        ReadOnlySpan<byte> bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return InvalidUtf8Marker.ToString();
        }

        // Invoke without a payload sends the function an empty JSON object, as Lambda does.
        return bytes.Length == 0 ? "{}" : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// The function a name, partial ARN or ARN names in this region and account, without a qualifier or with
    /// <c>$LATEST</c> (the only version here); null when there is no such function.
    /// </summary>
    private string? ResolveFunction(string requested, string queryQualifier)
    {
        string[] parts = requested.Split(':');
        (string? region, string? account, string name, string? qualifier) = parts switch
        {
            [var only] => (null, null, only, null),
            [var bare, var q] => (null, null, bare, q),
            [var a, "function", var bare] => (null, a, bare, null),
            [var a, "function", var bare, var q] => (null, a, bare, q),
            ["arn", _, "lambda", var r, var a, "function", var bare] => (r, a, bare, null),
            ["arn", _, "lambda", var r, var a, "function", var bare, var q] => (r, a, bare, q),
            _ => ((string?)null, (string?)null, string.Empty, (string?)null),
        };
        if (queryQualifier.Length > 0)
        {
            if (qualifier is not null && qualifier != queryQualifier)
            {
                return null;
            }

            qualifier = queryQualifier;
        }

        bool known = SagaTopology.Functions.Any(f => f.Name == name);
        bool here = (region is null || region == arns.Region) && (account is null || account == arns.AccountId);
        return known && here && qualifier is null or "$LATEST" ? name : null;
    }

    /// <summary>Stands for a payload that is not UTF-8 (a replacement character cannot start valid JSON).</summary>
    private const char InvalidUtf8Marker = '\uFFFD';

    private static bool IsJson(string payload, out string? error)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            error = null;
            return true;
        }
        catch (JsonException invalid)
        {
            error = invalid.Message;
            return false;
        }
    }

    private static async Task ErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.Headers["x-amzn-ErrorType"] = type;
        context.Response.ContentType = "application/json";
        var body = new JsonObject { ["Type"] = "User", ["message"] = message };
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }
}
