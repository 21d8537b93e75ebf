using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;

namespace LongLivedTransactions.StatesLanguage.Tests.Tasks;

public sealed class SnsPublishTaskInvokerTests
{
    private sealed class RecordingPublisher : ISnsPublisher
    {
        public List<(string Topic, string Message, string? Subject)> Published { get; } = [];

        public Task<string> PublishAsync(string topicArn, string message, string? subject, CancellationToken ct)
        {
            Published.Add((topicArn, message, subject));
            return Task.FromResult("message-1");
        }
    }

    private static TaskInvocation Invocation(JsonNode? parameters) =>
        new("exec", "machine", "Notify", "arn:aws:states:::sns:publish", parameters, 0);

    [Fact]
    public async Task Publishes_the_message_and_returns_the_message_id()
    {
        var publisher = new RecordingPublisher();
        var invoker = new SnsPublishTaskInvoker(publisher);

        var result = await invoker.InvokeAsync(
            Invocation(JsonNode.Parse("""{"TopicArn":"arn:aws:sns:us-east-1:1:t","Message":{"order":1},"Subject":"s"}""")), CancellationToken.None);

        Assert.Equal(("arn:aws:sns:us-east-1:1:t", """{"order":1}""", "s"), publisher.Published.Single());
        Assert.Equal("message-1", result!["MessageId"]!.GetValue<string>());
        Assert.NotNull(result["SdkResponseMetadata"]!["RequestId"]);
    }

    [Fact]
    public async Task A_missing_TopicArn_is_a_task_failure()
    {
        var invoker = new SnsPublishTaskInvoker(new RecordingPublisher());

        var failure = await Assert.ThrowsAsync<TaskFailedException>(() => invoker.InvokeAsync(Invocation(JsonNode.Parse("""{"Message":"m"}""")), CancellationToken.None));

        Assert.Equal("SNS.InvalidParameterException", failure.Error);
    }
}
