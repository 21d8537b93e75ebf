namespace LongLivedTransactions.StatesLanguage.Tasks.Integrations;

/// <summary>Sends a message to an SQS queue and returns the message id.</summary>
public interface ISqsSender
{
    Task<string> SendMessageAsync(string queueUrl, string messageBody, CancellationToken ct);
}
