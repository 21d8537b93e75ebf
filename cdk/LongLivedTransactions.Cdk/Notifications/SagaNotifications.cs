using Amazon.CDK;
using Amazon.CDK.AWS.KMS;
using Amazon.CDK.AWS.SNS;
using Amazon.CDK.AWS.SNS.Subscriptions;
using Amazon.CDK.AWS.SQS;
using Constructs;

namespace LongLivedTransactions.Cdk.Notifications;

/// <summary>
/// The topic the saga publishes its outcome to, and a queue that keeps those notifications for a consumer, with a
/// dead-letter queue for notifications that are received but never processed.
/// </summary>
public sealed class SagaNotifications : Construct
{
    /// <summary>The AWS managed key for SNS: encryption at rest without a key to pay for or administer.</summary>
    public const string TopicKeyAlias = "alias/aws/sns";

    public SagaNotifications(Construct scope, string id, SagaNotificationsProps props) : base(scope, id)
    {
        ArgumentNullException.ThrowIfNull(props);

        // SQS managed encryption: SNS can deliver into it without access to a KMS key.
        DeadLetterQueue = new Queue(this, "DeadLetterQueue", new QueueProps
        {
            Encryption = QueueEncryption.SQS_MANAGED,
            RetentionPeriod = Duration.Days(14),
        });

        Queue = new Queue(this, "Queue", new QueueProps
        {
            Encryption = QueueEncryption.SQS_MANAGED,
            DeadLetterQueue = new DeadLetterQueue { Queue = DeadLetterQueue, MaxReceiveCount = props.MaxReceiveCount },
        });

        Topic = new Topic(this, "Topic", new TopicProps
        {
            DisplayName = "Order saga outcomes",
            MasterKey = Alias.FromAliasName(this, "TopicKey", TopicKeyAlias),
        });

        // Adds the queue policy that lets this topic, and nothing else, send to the queue. Raw delivery keeps the
        // message body exactly as the state machine published it.
        Topic.AddSubscription(new SqsSubscription(Queue, new SqsSubscriptionProps { RawMessageDelivery = true }));
    }

    public Topic Topic { get; }

    public Queue Queue { get; }

    public Queue DeadLetterQueue { get; }
}
