using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tests.Conformance.Corpus;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Running;

public sealed class RecordedLambdaInvokerTests
{
    private static TaskInvocation Invocation(string state, int attempt) =>
        new("arn:exec", "arn:sm", state, "arn:aws:states:::lambda:invoke", new JsonObject(), attempt);

    [Fact]
    public async Task Attempts_are_used_in_recorded_order_and_running_out_is_visible()
    {
        var invoker = new RecordedLambdaInvoker(new Dictionary<string, IReadOnlyList<RecordedAttempt>>
        {
            ["Call"] =
            [
                new RecordedAttempt(false, null, "Lambda.Unknown", "first", "LambdaFunctionFailed"),
                new RecordedAttempt(true, JsonNode.Parse("""{"ok":true}"""), null, null, "LambdaFunctionSucceeded"),
            ],
        });

        Assert.True(invoker.CanInvokeState("Call", "arn:aws:states:::lambda:invoke"));
        Assert.False(invoker.CanInvokeState("Other", "arn:aws:states:::lambda:invoke"));
        var failure = await Assert.ThrowsAsync<TaskFailedException>(() => invoker.InvokeAsync(Invocation("Call", 0), CancellationToken.None));
        Assert.Equal(("Lambda.Unknown", "first"), (failure.Error, failure.Cause));
        var result = await invoker.InvokeAsync(Invocation("Call", 1), CancellationToken.None);
        Assert.Equal("""{"ok":true}""", result!.ToJsonString());
        var exhausted = await Assert.ThrowsAsync<TaskFailedException>(() => invoker.InvokeAsync(Invocation("Call", 2), CancellationToken.None));
        Assert.Equal(RecordedLambdaInvoker.NoRecordedAttemptError, exhausted.Error);
    }
}
