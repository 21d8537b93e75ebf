using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Execution.Callbacks;

/// <summary>
/// The tasks of an engine that wait for a callback (<c>.waitForTaskToken</c>), by token, and the three calls that answer
/// them: SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat. Tokens are signed with <paramref name="key"/>: give
/// the same key after a restart and a resumed task waits for the token it had. Thread-safe.
/// </summary>
public sealed class TaskCallbacks(byte[] key)
{
    /// <summary>The length of a key made by <see cref="NewKey"/>.</summary>
    public const int KeyBytes = 32;

    private readonly byte[] _key = key is { Length: >= 16 } ? key : throw new ArgumentException("A token key has at least 16 bytes.", nameof(key));
    private readonly ConcurrentDictionary<string, CallbackWaiter> _waiting = new(StringComparer.Ordinal);

    /// <summary>A new random key.</summary>
    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyBytes);

    /// <summary>What the token stands for, or null when it is malformed or was not issued with this key.</summary>
    public TaskToken? Read(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return TaskToken.Read(token, _key);
    }

    /// <summary>The tasks waiting now, optionally of one execution only, oldest first.</summary>
    public IReadOnlyList<WaitingTask> Waiting(string? executionArn = null) =>
        _waiting.Values.Select(waiter => waiter.Task)
            .Where(task => executionArn is null || task.ExecutionArn == executionArn)
            .OrderBy(task => task.Since)
            .ToList();

    /// <summary>SendTaskSuccess: the task succeeds with this output. False when no task waits for the token.</summary>
    /// <exception cref="ArgumentException">The output is not JSON.</exception>
    public bool SendSuccess(string token, string outputJson)
    {
        ArgumentNullException.ThrowIfNull(outputJson);
        try
        {
            using var document = JsonDocument.Parse(outputJson);
        }
        catch (JsonException invalid)
        {
            throw new ArgumentException(invalid.Message, nameof(outputJson), invalid);
        }

        return _waiting.TryGetValue(token, out var waiter) && waiter.TryComplete(new CallbackOutcome(outputJson, null, null));
    }

    /// <summary>SendTaskFailure: the task fails with this error and cause. False when no task waits for the token.</summary>
    public bool SendFailure(string token, string? error, string? cause) =>
        _waiting.TryGetValue(token, out var waiter) && waiter.TryComplete(new CallbackOutcome(null, error, cause));

    /// <summary>SendTaskHeartbeat: the task's heartbeat clock starts again. False when no task waits for the token.</summary>
    public bool SendHeartbeat(string token) => _waiting.TryGetValue(token, out var waiter) && waiter.Beat();

    internal string Issue(TaskToken token) => token.Sign(_key);

    internal CallbackWaiter Register(WaitingTask task)
    {
        var waiter = new CallbackWaiter(task);
        _waiting[task.TaskToken] = waiter;
        return waiter;
    }

    internal void Remove(CallbackWaiter waiter) =>
        _waiting.TryRemove(new KeyValuePair<string, CallbackWaiter>(waiter.Task.TaskToken, waiter));

    /// <summary>The parsed output of a successful callback.</summary>
    internal static JsonNode? ParseOutput(string outputJson) => JsonNode.Parse(outputJson);
}
