using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tests.Conformance.Corpus;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Running;

/// <summary>
/// Stands in for the Lambda functions of a T3 case: each invocation of a Task state takes that state's next
/// recorded attempt (retries and Map iterations included, in recorded order), returning the recorded result
/// or throwing the recorded error and cause. A recorded timeout is thrown as States.Timeout.
/// </summary>
internal sealed class RecordedLambdaInvoker(IReadOnlyDictionary<string, IReadOnlyList<RecordedAttempt>> attemptsByState)
    : IStateScopedTaskInvoker
{
    public const string NoRecordedAttemptError = "Conformance.NoRecordedAttempt";

    private readonly Dictionary<string, int> _attemptsUsed = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public bool CanInvoke(string resource) => false;

    public bool CanInvokeState(string stateName, string resource) => attemptsByState.ContainsKey(stateName);

    public Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var attempts = attemptsByState[invocation.StateName];
        int index;
        lock (_gate)
        {
            index = _attemptsUsed.GetValueOrDefault(invocation.StateName);
            _attemptsUsed[invocation.StateName] = index + 1;
        }

        if (index >= attempts.Count)
        {
            // More invocations than AWS made: the engine retried or iterated differently. Make it visible.
            throw new TaskFailedException(
                NoRecordedAttemptError,
                $"State '{invocation.StateName}' was invoked {index + 1} times; AWS recorded {attempts.Count}.");
        }

        var attempt = attempts[index];
        if (!attempt.Returns)
        {
            throw new TaskFailedException(attempt.Error!, attempt.Cause);
        }

        return Task.FromResult(attempt.Result?.DeepClone());
    }
}
