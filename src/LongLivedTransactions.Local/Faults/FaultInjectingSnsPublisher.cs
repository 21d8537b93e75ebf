using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;

namespace LongLivedTransactions.Local.Faults;

/// <summary>Fails SNS publishes at the rate of a <see cref="FaultInjector"/>, as SNS does when it has an internal error.</summary>
public sealed class FaultInjectingSnsPublisher(ISnsPublisher inner, FaultInjector faults) : ISnsPublisher
{
    public Task<string> PublishAsync(string topicArn, string message, string? subject, CancellationToken ct) =>
        faults.NextSnsFailure()
            ? throw new TaskFailedException(
                "SNS.InternalErrorException",
                $"Internal Error (Service: Sns, Status Code: 500, Request ID: {Guid.NewGuid()})")
            : inner.PublishAsync(topicArn, message, subject, ct);
}
