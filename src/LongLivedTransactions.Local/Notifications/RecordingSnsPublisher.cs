using LongLivedTransactions.StatesLanguage.Tasks.Integrations;

namespace LongLivedTransactions.Local.Notifications;

/// <summary>The local SNS: keeps the latest 10,000 published messages, in order, so that runs and tests can read them back.</summary>
public sealed class RecordingSnsPublisher(TimeProvider timeProvider) : ISnsPublisher
{
    private readonly RecentMessages<PublishedMessage> messages = new(10_000);

    /// <summary>The messages kept, oldest first; <c>Messages.Since(Messages.Recorded)</c> marks where a run begins.</summary>
    public RecentMessages<PublishedMessage> Messages => messages;

    public Task<string> PublishAsync(string topicArn, string message, string? subject, CancellationToken ct)
    {
        string messageId = Guid.NewGuid().ToString();
        messages.Add(new PublishedMessage(messageId, topicArn, message, subject, timeProvider.GetUtcNow()));
        return Task.FromResult(messageId);
    }
}

/// <summary>One message published to a topic.</summary>
public sealed record PublishedMessage(string MessageId, string TopicArn, string Message, string? Subject, DateTimeOffset Timestamp);
