using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Tasks;

namespace LongLivedTransactions.StatesLanguage.Execution.StateTesting;

/// <summary>Answers a tested Task state with its mock, whatever its resource (an activity or a .sync job as well).</summary>
internal sealed class MockTaskInvoker(StateTestMock mock) : ITaskInvoker
{
    public bool CanInvoke(string resource) => true;

    public Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken) =>
        mock.Error is { } error
            ? Task.FromException<JsonNode?>(new TaskFailedException(error, mock.Cause))
            : Task.FromResult(mock.Result?.DeepClone());
}
