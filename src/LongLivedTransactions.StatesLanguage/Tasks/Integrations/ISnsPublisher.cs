namespace LongLivedTransactions.StatesLanguage.Tasks.Integrations;

/// <summary>Publishes a message to an SNS topic and returns the message id.</summary>
public interface ISnsPublisher
{
    Task<string> PublishAsync(string topicArn, string message, string? subject, CancellationToken ct);
}
