using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;

namespace LongLivedTransactions.StatesLanguage.Tests.Tasks;

public sealed class LambdaInvokeTaskInvokerTests
{
    private sealed class RecordingHost(Func<string, string, LambdaInvocationResult> respond) : ILambdaFunctionHost
    {
        public List<(string Function, string Payload)> Calls { get; } = [];

        public Task<LambdaInvocationResult> InvokeAsync(string functionName, string payloadJson, CancellationToken cancellationToken)
        {
            Calls.Add((functionName, payloadJson));
            return Task.FromResult(respond(functionName, payloadJson));
        }
    }

    private static TaskInvocation Invocation(string resource, JsonNode? parameters) =>
        new("arn:aws:states:us-east-1:111111111111:execution:m:e", "arn:aws:states:us-east-1:111111111111:stateMachine:m", "S", resource, parameters, 0);

    [Fact]
    public async Task Lambda_invoke_returns_the_Invoke_response_envelope()
    {
        var host = new RecordingHost((_, payload) => new LambdaInvocationResult(200, """{"ok":true}""", null, "$LATEST"));
        var invoker = new LambdaInvokeTaskInvoker(host);

        var result = await invoker.InvokeAsync(
            Invocation("arn:aws:states:::lambda:invoke", JsonNode.Parse("""{"FunctionName":"ProcessOrder","Payload":{"id":1}}""")), CancellationToken.None);

        Assert.Equal(("ProcessOrder", """{"id":1}"""), host.Calls.Single());
        var envelope = Assert.IsType<JsonObject>(result);
        Assert.Equal("$LATEST", envelope["ExecutedVersion"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"ok":true}"""), envelope["Payload"]));
        Assert.Equal(200, envelope["StatusCode"]!.GetValue<int>());
        Assert.Equal(200, envelope["SdkHttpMetadata"]!["HttpStatusCode"]!.GetValue<int>());
        var requestId = envelope["SdkResponseMetadata"]!["RequestId"]!.GetValue<string>();
        Assert.True(Guid.TryParse(requestId, out _));
        Assert.Equal(requestId, envelope["SdkHttpMetadata"]!["HttpHeaders"]!["x-amzn-RequestId"]!.GetValue<string>());
        Assert.Equal("$LATEST", envelope["SdkHttpMetadata"]!["AllHttpHeaders"]!["X-Amz-Executed-Version"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_function_error_becomes_the_error_type_with_the_payload_as_cause()
    {
        const string errorPayload = """{"errorMessage":"card declined","errorType":"ErrProcessPayment","stackTrace":["at Debit()"]}""";
        var invoker = new LambdaInvokeTaskInvoker(new RecordingHost((_, _) => new LambdaInvocationResult(200, errorPayload, "Unhandled", "$LATEST")));

        var failure = await Assert.ThrowsAsync<TaskFailedException>(() => invoker.InvokeAsync(
            Invocation("arn:aws:states:::lambda:invoke", JsonNode.Parse("""{"FunctionName":"f"}""")), CancellationToken.None));

        Assert.Equal("ErrProcessPayment", failure.Error);
        Assert.Equal(errorPayload, failure.Cause);
    }

    [Fact]
    public async Task A_plain_function_ARN_sends_the_input_and_returns_the_payload()
    {
        var host = new RecordingHost((_, payload) => new LambdaInvocationResult(200, payload, null, "$LATEST"));
        var invoker = new LambdaInvokeTaskInvoker(host);
        const string arn = "arn:aws:lambda:us-east-1:111111111111:function:Echo";

        var result = await invoker.InvokeAsync(Invocation(arn, JsonNode.Parse("""{"a":[1]}""")), CancellationToken.None);

        Assert.True(invoker.CanInvoke(arn));
        Assert.Equal(arn, host.Calls.Single().Function);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":[1]}"""), result));
    }

    [Fact]
    public async Task Missing_FunctionName_is_a_task_failure()
    {
        var invoker = new LambdaInvokeTaskInvoker(new RecordingHost((_, _) => throw new InvalidOperationException("not called")));

        var failure = await Assert.ThrowsAsync<TaskFailedException>(() => invoker.InvokeAsync(
            Invocation("arn:aws:states:::lambda:invoke", new JsonObject()), CancellationToken.None));

        Assert.Equal("Lambda.InvalidParameterValueException", failure.Error);
    }

    [Theory]
    [InlineData("arn:aws:states:::lambda:invoke", true)]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:f:live", true)]
    [InlineData("arn:aws:states:::sns:publish", false)]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:layer:l", false)]
    public void CanInvoke_recognises_Lambda_resources(string resource, bool expected) =>
        Assert.Equal(expected, new LambdaInvokeTaskInvoker(new RecordingHost((_, _) => throw new InvalidOperationException())).CanInvoke(resource));
}
