using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution.StateTesting;
using LongLivedTransactions.StatesLanguage.History;
using LongLivedTransactions.StatesLanguage.Tasks;

namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>
/// Starts executions of parsed state machines. Task states go to the first invoker that handles their
/// Resource; every wait (Wait states, retry back-off, timeouts) uses the given <see cref="TimeProvider"/>.
/// </summary>
public sealed class ExecutionEngine(IEnumerable<ITaskInvoker> invokers, TimeProvider timeProvider)
{
    private readonly IReadOnlyList<ITaskInvoker> _invokers = invokers.ToArray();

    /// <summary>
    /// Runs one state of a definition once, through the runner an execution uses for it, as the TestState API does:
    /// no retry is made (a matching Retry rule is reported), a Wait state does not wait, and the mock, when given,
    /// answers in place of the state's work. A test that runs longer than five minutes fails with States.Timeout.
    /// </summary>
    /// <exception cref="ArgumentException">The definition has no such state, or the input is not valid JSON.</exception>
    public Task<StateTestResult> TestStateAsync(StateTestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StateTester.RunAsync(request, _invokers, timeProvider, cancellationToken);
    }

    /// <summary>Starts the execution and returns at once; the run continues in the background.</summary>
    /// <exception cref="ArgumentException">The input is not valid JSON.</exception>
    public Execution Start(ExecutionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        JsonNode? input;
        try
        {
            input = JsonNode.Parse(request.InputJson);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The execution input is not valid JSON: {e.Message}", nameof(request), e);
        }

        var allInvokers = request.ExtraInvokers is { Count: > 0 } extra ? [.. extra, .. _invokers] : _invokers;
        var history = new HistoryRecorder(timeProvider);
        var execution = new Execution(request, history, timeProvider);
        var run = new ExecutionRun(request, allInvokers, timeProvider, history, execution.Cancellation) { InputJson = request.InputJson };
        execution.Begin(run, input);
        return execution;
    }
}
