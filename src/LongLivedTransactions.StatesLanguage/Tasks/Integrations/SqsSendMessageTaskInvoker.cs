using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Tasks.Integrations;

/// <summary>
/// <c>arn:aws:states:::sqs:sendMessage</c> (and its <c>.waitForTaskToken</c> form): sends <c>MessageBody</c> (text, or
/// any JSON value serialised) to <c>QueueUrl</c>; the result is the SendMessage response (<c>MD5OfMessageBody</c>,
/// <c>MessageId</c>) with its metadata. Other parameters (<c>DelaySeconds</c>, <c>MessageAttributes</c>, ...) are
/// accepted and not used.
/// </summary>
public sealed class SqsSendMessageTaskInvoker(ISqsSender sender, TimeProvider? timeProvider = null) : ITaskInvoker
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public bool CanInvoke(string resource) =>
        resource.StartsWith("arn:", StringComparison.Ordinal)
        && (resource.EndsWith(":states:::sqs:sendMessage", StringComparison.Ordinal)
            || resource.EndsWith(":states:::sqs:sendMessage.waitForTaskToken", StringComparison.Ordinal));

    public async Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var fields = invocation.Parameters as JsonObject;
        if (fields?["QueueUrl"] is not JsonValue queueValue || !queueValue.TryGetValue<string>(out var queueUrl) || queueUrl.Length == 0)
        {
            throw new TaskFailedException("SQS.MissingParameterException", "The request must contain the parameter QueueUrl.");
        }

        if (!fields.TryGetPropertyValue("MessageBody", out var bodyNode) || bodyNode is null)
        {
            throw new TaskFailedException("SQS.MissingParameterException", "The request must contain the parameter MessageBody.");
        }

        var body = bodyNode is JsonValue value && value.TryGetValue<string>(out var text) ? text : bodyNode.ToJsonString();
        var messageId = await sender.SendMessageAsync(queueUrl, body, cancellationToken).ConfigureAwait(false);

        var requestId = Guid.NewGuid().ToString();
#pragma warning disable CA5351 // MD5OfMessageBody is part of SQS's response: a checksum, not a security measure.
        var md5 = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(body)));
#pragma warning restore CA5351
        var response = new JsonObject { ["MD5OfMessageBody"] = md5, ["MessageId"] = messageId };
        var headers = new List<KeyValuePair<string, string>>
        {
            new("x-amzn-RequestId", requestId),
            new("connection", "keep-alive"),
            new("Content-Length", Encoding.UTF8.GetByteCount(response.ToJsonString()).ToString(CultureInfo.InvariantCulture)),
            new("Date", ServiceResponseMetadata.HttpDate(_time.GetUtcNow())),
            new("Content-Type", "application/x-amz-json-1.0"),
        };
        response["SdkHttpMetadata"] = ServiceResponseMetadata.HttpMetadata(headers, 200);
        response["SdkResponseMetadata"] = ServiceResponseMetadata.ResponseMetadata(requestId);
        return response;
    }
}
