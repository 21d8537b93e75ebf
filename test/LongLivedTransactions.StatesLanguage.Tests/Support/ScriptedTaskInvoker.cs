using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Tasks;

namespace LongLivedTransactions.StatesLanguage.Tests.Support;

/// <summary>An invoker for one resource whose answers are given per call by a function (it records every call).</summary>
internal sealed class ScriptedTaskInvoker(string resource, Func<TaskInvocation, CancellationToken, Task<JsonNode?>> answer) : ITaskInvoker
{
    private readonly List<TaskInvocation> _calls = [];

    public IReadOnlyList<TaskInvocation> Calls
    {
        get
        {
            lock (_calls)
            {
                return _calls.ToArray();
            }
        }
    }

    public static ScriptedTaskInvoker Returning(string resource, Func<TaskInvocation, JsonNode?> result) =>
        new(resource, (invocation, _) => Task.FromResult(result(invocation)));

    public bool CanInvoke(string resource1) => resource1 == resource;

    public Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        lock (_calls)
        {
            _calls.Add(invocation);
        }

        return answer(invocation, cancellationToken);
    }
}
