using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Tasks;

/// <summary>
/// Runs the work of a Task state. The engine knows no service: it asks each registered invoker,
/// in order, whether it handles the state's Resource ARN and calls the first that does.
/// </summary>
public interface ITaskInvoker
{
    bool CanInvoke(string resource);

    /// <summary>
    /// Returns the task result, or fails with <see cref="TaskFailedException"/> for a task failure (a task that has
    /// already failed with it is read without throwing it again).
    /// </summary>
    Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken);
}

/// <summary>What a Task state asks an invoker to do.</summary>
/// <param name="Parameters">The effective parameters (state input after InputPath and Parameters). Read-only: the history records them after the call.</param>
/// <param name="Attempt">0 for the first attempt, 1 for the first retry, and so on.</param>
public sealed record TaskInvocation(
    string ExecutionArn,
    string StateMachineArn,
    string StateName,
    string Resource,
    JsonNode? Parameters,
    int Attempt);

/// <summary>A task failure with the error name and cause that Retry and Catch match on.</summary>
public sealed class TaskFailedException(string error, string? cause)
    : Exception(cause is null ? error : $"{error}: {cause}")
{
    public string Error { get; } = error;

    public string? Cause { get; } = cause;
}
