namespace LongLivedTransactions.Cdk.Notifications;

/// <summary>How saga outcomes are delivered.</summary>
/// <param name="MaxReceiveCount">Receives after which a notification that no consumer deletes moves to the dead-letter queue.</param>
public sealed record SagaNotificationsProps(int MaxReceiveCount = 5);
