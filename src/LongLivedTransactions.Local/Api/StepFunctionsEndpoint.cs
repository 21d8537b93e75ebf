using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// The HTTP side of the Step Functions JSON 1.0 protocol: <c>POST /</c> with <c>X-Amz-Target: AWSStepFunctions.Op</c>
/// and a JSON body. Errors are answered as AWS does: HTTP 400 (500 for a fault of this server) with
/// <c>{"__type": ..., "message": ...}</c>. The signature is not checked; its credential scope gives the region.
/// </summary>
public sealed partial class StepFunctionsEndpoint(StepFunctionsApi api, string defaultRegion, ILogger<StepFunctionsEndpoint> logger)
{
    public const string ContentType = "application/x-amz-json-1.0";

    /// <summary>Bodies larger than this are refused (a definition is at most 1 MiB, an input 256 KiB).</summary>
    private const int MaxBodyBytes = 4 * 1024 * 1024;

    /// <summary>The first buffer for a body sent without a Content-Length (it grows as needed).</summary>
    private const int UnannouncedBodyBytes = 4 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        JsonObject response;
        int status = StatusCodes.Status200OK;
        try
        {
            string operation = Operation(context.Request.Headers["X-Amz-Target"].ToString());
            JsonObject body = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            string region = RequestRegion.FromAuthorization(context.Request.Headers.Authorization.ToString(), defaultRegion);
            response = await api.InvokeAsync(operation, new ApiRequest(body, region), context.RequestAborted).ConfigureAwait(false);
        }
        catch (StepFunctionsException error)
        {
            status = error.StatusCode;
            response = ErrorBody(error.ErrorType, error.Message);
            context.Response.Headers["x-amzn-ErrorType"] = error.ErrorType;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // A fault of this server is answered as AWS answers one, and the server keeps serving.
        catch (Exception fault)
#pragma warning restore CA1031
        {
            LogFault(logger, fault);
            status = StatusCodes.Status500InternalServerError;
            response = ErrorBody("InternalFailure", "The request processing has failed because of an unknown error.");
            context.Response.Headers["x-amzn-ErrorType"] = "InternalFailure";
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        // Straight into the response's buffers, as UTF-8: no text of the whole answer is made first.
        using (var writer = new Utf8JsonWriter(context.Response.BodyWriter))
        {
            response.WriteTo(writer);
        }

        await context.Response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static string Operation(string target)
    {
        if (string.IsNullOrEmpty(target))
        {
            throw StepFunctionsErrors.UnknownOperation(null);
        }

        string operation = target.StartsWith(StepFunctionsApi.TargetPrefix, StringComparison.Ordinal)
            ? target[StepFunctionsApi.TargetPrefix.Length..]
            : string.Empty;
        return StepFunctionsApi.Operations.Contains(operation, StringComparer.Ordinal)
            ? operation
            : throw StepFunctionsErrors.UnknownOperation(target);
    }

    /// <summary>The request body as a JSON object, refused in the API's error shape when too large or not JSON.</summary>
    internal static async Task<JsonObject> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            await BodyDrain.DrainAsync(request, cancellationToken).ConfigureAwait(false);
            throw TooLarge();
        }

        // A pooled buffer of the announced size (one more byte for the read that finds the end): under load requests
        // come by the thousand a second, and a fresh buffer for each would have to be collected as often.
        byte[] buffer = ArrayPool<byte>.Shared.Rent((int)(request.ContentLength ?? UnannouncedBodyBytes) + 1);
        int length = 0;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
                if (length > MaxBodyBytes)
                {
                    await BodyDrain.DrainAsync(request, cancellationToken).ConfigureAwait(false);
                    throw TooLarge();
                }

                if (length == buffer.Length)
                {
                    buffer = Grown(buffer);
                }
            }

            return Parse(buffer.AsSpan(0, length));
        }
        catch (BadHttpRequestException unreadable) when (unreadable.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>A pooled buffer twice as large, holding what <paramref name="full"/> holds (which goes back to the pool).</summary>
    private static byte[] Grown(byte[] full)
    {
        byte[] larger = ArrayPool<byte>.Shared.Rent(full.Length * 2);
        full.CopyTo(larger, 0);
        ArrayPool<byte>.Shared.Return(full);
        return larger;
    }

    private static JsonObject Parse(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return [];
        }

        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            throw StepFunctionsErrors.Serialization("the body is not valid UTF-8.");
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(body);
        }
        catch (JsonException invalid)
        {
            throw StepFunctionsErrors.Serialization(invalid.Message);
        }
        catch (DecoderFallbackException invalid)
        {
            throw StepFunctionsErrors.Serialization(invalid.Message);
        }

        return node as JsonObject ?? throw StepFunctionsErrors.Serialization("the body must be a JSON object.");
    }

    private static StepFunctionsException TooLarge() =>
        new("RequestEntityTooLarge", $"The request body is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);

    [LoggerMessage(Level = LogLevel.Error, Message = "A Step Functions request failed with an unexpected fault")]
    private static partial void LogFault(ILogger logger, Exception fault);

    private static JsonObject ErrorBody(string type, string message) => new() { ["__type"] = type, ["message"] = message };
}
