using System.Collections.Concurrent;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;

namespace LongLivedTransactions.Local.Notifications;

/// <summary>
/// The local SQS: keeps every message sent, per queue URL and in order, so that runs and tests can read them back (a
/// callback task's token, for one). Any queue URL is accepted; nothing is ever delivered or deleted.
/// </summary>
public sealed class RecordingSqsQueues(TimeProvider timeProvider) : ISqsSender
{
    private readonly ConcurrentQueue<SentMessage> messages = new();

    /// <summary>Every message sent, to any queue, in order.</summary>
    public IReadOnlyCollection<SentMessage> Messages => messages;

    /// <summary>The messages sent to one queue, in order.</summary>
    public IReadOnlyList<SentMessage> MessagesOf(string queueUrl) => messages.Where(m => m.QueueUrl == queueUrl).ToList();

    public Task<string> SendMessageAsync(string queueUrl, string messageBody, CancellationToken ct)
    {
        string messageId = Guid.NewGuid().ToString();
        messages.Enqueue(new SentMessage(messageId, queueUrl, messageBody, timeProvider.GetUtcNow()));
        return Task.FromResult(messageId);
    }
}

/// <summary>One message sent to a queue.</summary>
public sealed record SentMessage(string MessageId, string QueueUrl, string Body, DateTimeOffset Timestamp);
