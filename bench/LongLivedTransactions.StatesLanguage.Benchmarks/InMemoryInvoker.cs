using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Tasks;

namespace LongLivedTransactions.StatesLanguage.Benchmarks;

/// <summary>
/// Answers every task at once, in memory: Lambda calls return an Invoke-shaped envelope whose Payload
/// is the input plus a status; SNS returns a message id. One function can be made to fail (the saga's compensation path).
/// </summary>
internal sealed class InMemoryInvoker(string? failingFunction = null, string? failingError = null) : ITaskInvoker
{
    public bool CanInvoke(string resource) => true;

    public Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Resource.EndsWith("sns:publish", StringComparison.Ordinal))
        {
            return Task.FromResult<JsonNode?>(new JsonObject { ["MessageId"] = "m-1" });
        }

        var parameters = (JsonObject)invocation.Parameters!;
        var function = parameters["FunctionName"]!.GetValue<string>();
        if (function == failingFunction)
        {
            // A failure goes on the returned task, as an async invoker's would.
            return Task.FromException<JsonNode?>(
                new TaskFailedException(failingError!, $$"""{"errorMessage":"declined","errorType":"{{failingError}}"}"""));
        }

        var payload = parameters["Payload"]?.DeepClone() as JsonObject ?? [];
        payload["last_step"] = function;
        return Task.FromResult<JsonNode?>(new JsonObject
        {
            ["ExecutedVersion"] = "$LATEST",
            ["Payload"] = payload,
            ["StatusCode"] = 200,
        });
    }
}
