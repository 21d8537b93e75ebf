using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using LongLivedTransactions.Cdk.Notifications;
using LongLivedTransactions.Cdk.Tests.Fixtures;

namespace LongLivedTransactions.Cdk.Tests;

[Collection(SynthesisGroup.Name)]
public sealed class NotificationTests(StandardSagaStack stack)
{
    private SynthesizedSagaStack Synthesized => stack.Synthesized;

    private string Topic => Synthesized.LogicalId(Synthesized.Stack.Notifications.Topic);

    private string Queue => Synthesized.LogicalId(Synthesized.Stack.Notifications.Queue);

    private string DeadLetterQueue => Synthesized.LogicalId(Synthesized.Stack.Notifications.DeadLetterQueue);

    [Fact]
    public void TopicIsEncryptedWithTheManagedSnsKey()
    {
        JsonNode? key = Synthesized.Json.Properties(Topic)["KmsMasterKeyId"];

        Assert.NotNull(key);
        Assert.EndsWith($":{SagaNotifications.TopicKeyAlias}\"]]}}", key.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BothQueuesAreEncrypted()
    {
        Synthesized.Template.AllResourcesProperties("AWS::SQS::Queue", Match.ObjectLike(new Dictionary<string, object>
        {
            ["SqsManagedSseEnabled"] = true,
        }));
    }

    [Fact]
    public void QueueHandsUnprocessedNotificationsToTheDeadLetterQueueAfterFiveReceives()
    {
        AssertJson.Equal(
            $$"""{"deadLetterTargetArn":{{AssertJson.GetAtt(DeadLetterQueue, "Arn")}},"maxReceiveCount":5}""",
            Synthesized.Json.Properties(Queue)["RedrivePolicy"]);
        Assert.Null(Synthesized.Json.Properties(DeadLetterQueue)["RedrivePolicy"]);
    }

    [Fact]
    public void QueueIsSubscribedToTheTopicWithRawDelivery()
    {
        (_, JsonObject subscription) = Assert.Single(Synthesized.Json.ResourcesOfType("AWS::SNS::Subscription"));

        AssertJson.Equal(
            $$"""
            {
              "Endpoint": {{AssertJson.GetAtt(Queue, "Arn")}},
              "Protocol": "sqs",
              "RawMessageDelivery": true,
              "TopicArn": {{AssertJson.Ref(Topic)}}
            }
            """,
            subscription["Properties"]);
    }

    [Fact]
    public void QueuePolicyAdmitsOnlyTheTopic()
    {
        (_, JsonObject policy) = Assert.Single(Synthesized.Json.ResourcesOfType("AWS::SQS::QueuePolicy"));

        AssertJson.Equal($"[{AssertJson.Ref(Queue)}]", policy["Properties"]!["Queues"]);
        AssertJson.Equal(
            $$$"""
            [{
              "Action": "sqs:SendMessage",
              "Condition": {"ArnEquals": {"aws:SourceArn": {{{AssertJson.Ref(Topic)}}}}},
              "Effect": "Allow",
              "Principal": {"Service": "sns.amazonaws.com"},
              "Resource": {{{AssertJson.GetAtt(Queue, "Arn")}}}
            }]
            """,
            policy["Properties"]!["PolicyDocument"]!["Statement"]);
    }
}
