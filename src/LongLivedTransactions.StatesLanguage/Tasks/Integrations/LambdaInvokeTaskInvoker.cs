using System.Text.Json;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Tasks.Integrations;

/// <summary>
/// Lambda tasks: the optimised integration <c>arn:aws:states:::lambda:invoke</c> (result is the Invoke
/// response envelope) and plain function ARNs <c>arn:aws:lambda:REGION:ACCOUNT:function:NAME</c>
/// (result is the function's payload alone). A function error becomes a task failure whose error is
/// the function's <c>errorType</c> and whose cause is the error payload text.
/// </summary>
public sealed class LambdaInvokeTaskInvoker(ILambdaFunctionHost host, TimeProvider? timeProvider = null) : ITaskInvoker
{
    private const string OptimisedIntegrationPrefix = ":states:::lambda:invoke";

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public bool CanInvoke(string resource) => IsOptimisedIntegration(resource) || IsFunctionArn(resource);

    public async Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (IsFunctionArn(invocation.Resource))
        {
            var payloadText = invocation.Parameters?.ToJsonString() ?? "null";
            var result = await host.InvokeAsync(invocation.Resource, payloadText, cancellationToken).ConfigureAwait(false);
            ThrowIfFunctionError(result);
            return ParsePayload(result.PayloadJson);
        }

        var (functionName, payloadJson) = ReadInvokeParameters(invocation.Parameters);
        var response = await host.InvokeAsync(functionName, payloadJson, cancellationToken).ConfigureAwait(false);
        ThrowIfFunctionError(response);
        return BuildEnvelope(response);
    }

    private static bool IsOptimisedIntegration(string resource) =>
        resource.StartsWith("arn:", StringComparison.Ordinal)
        && (resource.EndsWith(OptimisedIntegrationPrefix, StringComparison.Ordinal)
            || resource.Contains(OptimisedIntegrationPrefix + ".", StringComparison.Ordinal));

    /// <summary>arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]</summary>
    internal static bool IsFunctionArn(string resource)
    {
        var parts = resource.Split(':');
        return parts.Length is 7 or 8 && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function";
    }

    private static (string FunctionName, string PayloadJson) ReadInvokeParameters(JsonNode? parameters)
    {
        if (parameters is not JsonObject fields
            || fields["FunctionName"] is not JsonValue nameValue
            || !nameValue.TryGetValue<string>(out var functionName)
            || functionName.Length == 0)
        {
            throw new TaskFailedException(
                "Lambda.InvalidParameterValueException",
                "The lambda:invoke integration needs a FunctionName string parameter.");
        }

        if (fields["Qualifier"] is JsonValue qualifier && qualifier.TryGetValue<string>(out var qualifierText))
        {
            functionName = $"{functionName}:{qualifierText}";
        }

        var payloadJson = fields.TryGetPropertyValue("Payload", out var payload) ? payload?.ToJsonString() ?? "null" : "{}";
        return (functionName, payloadJson);
    }

    private static void ThrowIfFunctionError(LambdaInvocationResult result)
    {
        if (result.FunctionError is null)
        {
            return;
        }

        // The error payload of a failed function is {"errorMessage","errorType","stackTrace"}.
        var errorType = "Lambda.Unknown";
        try
        {
            if (JsonNode.Parse(result.PayloadJson) is JsonObject error
                && error["errorType"] is JsonValue typeValue
                && typeValue.TryGetValue<string>(out var type))
            {
                errorType = type;
            }
        }
        catch (JsonException)
        {
            // Not JSON: keep Lambda.Unknown, the cause still carries the raw text.
        }

        throw new TaskFailedException(errorType, result.PayloadJson);
    }

    private static JsonNode? ParsePayload(string payloadJson)
    {
        if (string.IsNullOrWhiteSpace(payloadJson))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(payloadJson);
        }
        catch (JsonException)
        {
            return JsonValue.Create(payloadJson);
        }
    }

    private JsonObject BuildEnvelope(LambdaInvocationResult response)
    {
        var requestId = Guid.NewGuid().ToString();
        var contentLength = System.Text.Encoding.UTF8.GetByteCount(response.PayloadJson).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Connection", "keep-alive"),
            new("Content-Length", contentLength),
            new("Content-Type", "application/json"),
            new("Date", ServiceResponseMetadata.HttpDate(_time.GetUtcNow())),
            new("X-Amz-Executed-Version", response.ExecutedVersion),
            new("x-amzn-Remapped-Content-Length", "0"),
            new("x-amzn-RequestId", requestId),
            new("X-Amzn-Trace-Id", $"Root=1-{Guid.NewGuid():N}"),
        };

        return new JsonObject
        {
            ["ExecutedVersion"] = response.ExecutedVersion,
            ["Payload"] = ParsePayload(response.PayloadJson),
            ["SdkHttpMetadata"] = ServiceResponseMetadata.HttpMetadata(headers, response.StatusCode),
            ["SdkResponseMetadata"] = ServiceResponseMetadata.ResponseMetadata(requestId),
            ["StatusCode"] = response.StatusCode,
        };
    }
}
