using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution.Callbacks;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat: the answers to a Task state waiting for a callback
/// (<c>.waitForTaskToken</c>), addressed by its task token.
/// </summary>
public sealed class CallbackOperations(TaskCallbacks callbacks, ExecutionStore executions, TimeProvider timeProvider)
{
    /// <summary>AWS's limits on the members of these operations.</summary>
    private const int MaxTokenLength = 2048;
    private const int MaxOutputBytes = 256 * 1024;
    private const int MaxErrorLength = 256;
    private const int MaxCauseLength = 32768;

    /// <summary>
    /// How long a callback for a task that is not waiting yet is held back when its execution is running: an execution
    /// resumed at start takes a moment to reach its wait again.
    /// </summary>
    private static readonly TimeSpan ResumeGrace = TimeSpan.FromSeconds(2);

    public Task<JsonObject> SucceedAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string token = Token(request);
        string output = request.RequiredString("output");
        if (System.Text.Encoding.UTF8.GetByteCount(output) > MaxOutputBytes)
        {
            throw StepFunctionsErrors.Validation(
                $"Value at 'output' failed to satisfy constraint: Member must have length less than or equal to {MaxOutputBytes}");
        }

        return DeliverAsync(token, () => SendSuccess(token, output), cancellationToken);
    }

    public Task<JsonObject> FailAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string token = Token(request);
        string? error = request.OptionalString("error", MaxErrorLength);
        string? cause = request.OptionalString("cause", MaxCauseLength);
        return DeliverAsync(token, () => callbacks.SendFailure(token, error, cause), cancellationToken);
    }

    public Task<JsonObject> HeartbeatAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string token = Token(request);
        return DeliverAsync(token, () => callbacks.SendHeartbeat(token), cancellationToken);
    }

    private static string Token(ApiRequest request) => request.RequiredString("taskToken", MaxTokenLength, minLength: 1);

    private bool SendSuccess(string token, string output)
    {
        try
        {
            return callbacks.SendSuccess(token, output);
        }
        catch (ArgumentException invalid)
        {
            throw StepFunctionsErrors.InvalidOutput(invalid.Message);
        }
    }

    /// <summary>
    /// Delivers the callback; a token this endpoint never issued is InvalidToken, one whose execution is gone is
    /// TaskDoesNotExist, and one whose task has ended (answered, timed out, stopped) is TaskTimedOut, as on AWS.
    /// </summary>
    private async Task<JsonObject> DeliverAsync(string token, Func<bool> send, CancellationToken cancellationToken)
    {
        TaskToken issued = callbacks.Read(token) ?? throw StepFunctionsErrors.InvalidToken(token);
        if (send())
        {
            return [];
        }

        ExecutionRecord? execution = executions.Find(issued.ExecutionArn);
        if (execution is null)
        {
            throw StepFunctionsErrors.TaskDoesNotExist();
        }

        DateTimeOffset giveUp = timeProvider.GetUtcNow() + ResumeGrace;
        while (execution is { Status: StatesLanguage.Execution.ExecutionStatus.Running } && timeProvider.GetUtcNow() < giveUp)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeProvider, cancellationToken).ConfigureAwait(false);
            if (send())
            {
                return [];
            }

            execution = executions.Find(issued.ExecutionArn);
        }

        throw StepFunctionsErrors.TaskTimedOut();
    }
}
