using System.Collections.Concurrent;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;

namespace LongLivedTransactions.Local.Notifications;

/// <summary>The local SNS: keeps every published message, in order, so that runs and tests can read them back.</summary>
public sealed class RecordingSnsPublisher(TimeProvider timeProvider) : ISnsPublisher
{
    private readonly ConcurrentQueue<PublishedMessage> messages = new();

    public IReadOnlyCollection<PublishedMessage> Messages => messages;

    public Task<string> PublishAsync(string topicArn, string message, string? subject, CancellationToken ct)
    {
        string messageId = Guid.NewGuid().ToString();
        messages.Enqueue(new PublishedMessage(messageId, topicArn, message, subject, timeProvider.GetUtcNow()));
        return Task.FromResult(messageId);
    }
}

/// <summary>One message published to a topic.</summary>
public sealed record PublishedMessage(string MessageId, string TopicArn, string Message, string? Subject, DateTimeOffset Timestamp);
