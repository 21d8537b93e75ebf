using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Tasks.Integrations;

/// <summary>
/// <c>arn:aws:states:::sns:publish</c>: publishes <c>Message</c> (text, or any JSON value serialised)
/// with an optional <c>Subject</c> to <c>TopicArn</c>; the result is the Publish response with its metadata. With
/// <c>.waitForTaskToken</c> the same publish is the request of a callback task.
/// </summary>
public sealed class SnsPublishTaskInvoker(ISnsPublisher publisher, TimeProvider? timeProvider = null) : ITaskInvoker
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public bool CanInvoke(string resource) =>
        resource.StartsWith("arn:", StringComparison.Ordinal)
        && (resource.EndsWith(":states:::sns:publish", StringComparison.Ordinal)
            || resource.EndsWith(":states:::sns:publish.waitForTaskToken", StringComparison.Ordinal));

    public async Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (invocation.Parameters is not JsonObject fields
            || fields["TopicArn"] is not JsonValue topicValue
            || !topicValue.TryGetValue<string>(out var topicArn))
        {
            throw new TaskFailedException("SNS.InvalidParameterException", "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
        }

        if (!fields.TryGetPropertyValue("Message", out var messageNode) || messageNode is null)
        {
            throw new TaskFailedException("SNS.InvalidParameterException", "Invalid parameter: Message Reason: no value for required parameter");
        }

        var message = messageNode is JsonValue value && value.TryGetValue<string>(out var text) ? text : messageNode.ToJsonString();
        var subject = fields["Subject"] is JsonValue subjectValue && subjectValue.TryGetValue<string>(out var subjectText) ? subjectText : null;

        var messageId = await publisher.PublishAsync(topicArn, message, subject, cancellationToken).ConfigureAwait(false);

        var requestId = Guid.NewGuid().ToString();
        var headers = new List<KeyValuePair<string, string>>
        {
            new("Content-Type", "text/xml"),
            new("Date", ServiceResponseMetadata.HttpDate(_time.GetUtcNow())),
            new("x-amzn-RequestId", requestId),
        };
        return new JsonObject
        {
            ["MessageId"] = messageId,
            ["SdkHttpMetadata"] = ServiceResponseMetadata.HttpMetadata(headers, 200),
            ["SdkResponseMetadata"] = ServiceResponseMetadata.ResponseMetadata(requestId),
        };
    }
}
