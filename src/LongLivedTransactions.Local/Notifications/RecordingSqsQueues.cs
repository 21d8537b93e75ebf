using LongLivedTransactions.StatesLanguage.Tasks.Integrations;

namespace LongLivedTransactions.Local.Notifications;

/// <summary>
/// The local SQS: keeps the latest 10,000 messages sent, with their queue URL and in order, so that runs and tests can read them back (a
/// callback task's token, for one). Any queue URL is accepted; nothing is ever delivered or deleted.
/// </summary>
public sealed class RecordingSqsQueues(TimeProvider timeProvider) : ISqsSender
{
    private readonly RecentMessages<SentMessage> messages = new(10_000);

    /// <summary>The messages kept, to any queue, oldest first.</summary>
    public RecentMessages<SentMessage> Messages => messages;

    /// <summary>The messages kept that were sent to one queue, in order.</summary>
    public IReadOnlyList<SentMessage> MessagesOf(string queueUrl) => messages.All().Where(m => m.QueueUrl == queueUrl).ToList();

    public Task<string> SendMessageAsync(string queueUrl, string messageBody, CancellationToken ct)
    {
        string messageId = Guid.NewGuid().ToString();
        messages.Add(new SentMessage(messageId, queueUrl, messageBody, timeProvider.GetUtcNow()));
        return Task.FromResult(messageId);
    }
}

/// <summary>One message sent to a queue.</summary>
public sealed record SentMessage(string MessageId, string QueueUrl, string Body, DateTimeOffset Timestamp);
