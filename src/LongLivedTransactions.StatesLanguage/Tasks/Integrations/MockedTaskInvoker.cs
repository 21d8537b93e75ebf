using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Tasks.Integrations;

/// <summary>
/// Answers the Task states of one mock test case. Each invocation of a state (first attempt, retries,
/// and every Map iteration) takes the next attempt number of that state's mocked response.
/// </summary>
public sealed class MockedTaskInvoker : IStateScopedTaskInvoker
{
    private readonly IReadOnlyDictionary<string, MockedResponse> _responses;
    private readonly Dictionary<string, int> _invocationCounts = new(StringComparer.Ordinal);
    private readonly Lock _countsLock = new();

    internal MockedTaskInvoker(IReadOnlyDictionary<string, MockedResponse> responses) => _responses = responses;

    public bool CanInvoke(string resource) => false;

    public bool CanInvokeState(string stateName, string resource) => _responses.ContainsKey(stateName);

    public Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (!_responses.TryGetValue(invocation.StateName, out var response))
        {
            throw new InvalidOperationException($"State '{invocation.StateName}' is not mocked in this test case.");
        }

        int invocationNumber;
        lock (_countsLock)
        {
            _invocationCounts.TryGetValue(invocation.StateName, out invocationNumber);
            _invocationCounts[invocation.StateName] = invocationNumber + 1;
        }

        var outcome = response.OutcomeFor(invocationNumber);
        if (outcome.IsThrow)
        {
            throw new TaskFailedException(outcome.Error!, outcome.Cause);
        }

        return Task.FromResult(outcome.Return?.DeepClone());
    }
}
