using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution.Callbacks;
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
    private readonly RunSlots _slots = new(null);
    private readonly JsonSize _sizes = new();
    private readonly int? _maxRunningExecutions;

    /// <summary>
    /// What the length of Wait states and Retry back-off is multiplied by: 1 (the default) waits as written, 0 does
    /// not wait, 0.01 waits a hundredth. Timeouts (TimeoutSeconds, HeartbeatSeconds) are never scaled.
    /// </summary>
    public double DelayScale { get; init; } = 1;

    /// <summary>
    /// How many executions do work at the same time (null, the default: no bound). The others wait in turn, first
    /// started first; an execution in a Wait state, a Retry back-off or waiting for a callback does not count. A server sets it so that the
    /// requests that start executions are not served behind the work of thousands of them.
    /// </summary>
    public int? MaxRunningExecutions
    {
        get => _maxRunningExecutions;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value ?? 1, 1);
            _maxRunningExecutions = value;
            _slots = new RunSlots(value);
        }
    }

    /// <summary>
    /// The tasks waiting for a callback and the calls that answer them. Its key signs the task tokens: a host that
    /// resumes executions after a restart gives the key it kept, so that their tokens stay valid.
    /// </summary>
    public TaskCallbacks Callbacks { get; init; } = new(TaskCallbacks.NewKey());

    /// <summary>
    /// Threads of their own for the executions' work (null, the default: the thread pool). A server gives them so that
    /// the requests it serves on the thread pool are not queued behind the work of the executions they start.
    /// </summary>
    public ExecutionThreads? Threads { get; init; }

    /// <summary>
    /// Runs one state of a definition once, through the runner an execution uses for it, as the TestState API does:
    /// no retry is made (a matching Retry rule is reported), a Wait state does not wait, and the mock, when given,
    /// answers in place of the state's work. A test that runs longer than five minutes fails with States.Timeout.
    /// </summary>
    /// <exception cref="ArgumentException">The definition has no such state, or the input is not valid JSON.</exception>
    public Task<StateTestResult> TestStateAsync(StateTestRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StateTester.RunAsync(request, _invokers, Callbacks, timeProvider, cancellationToken);
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

        var history = new HistoryRecorder(timeProvider, request.Journal);
        var execution = new Execution(request, history, timeProvider, timeProvider.GetUtcNow());
        var run = NewRun(request, history, execution);
        execution.Begin(run, input);
        return execution;
    }

    /// <summary>
    /// Carries on an execution from its recorded history (after a restart of the host): the state that was in flight
    /// runs again from its StateEntered event, so a task that was running is scheduled again (at least once, as on
    /// AWS); a Wait sleeps only what remains. Inside a Map or Parallel state, the branches and iterations that had
    /// ended keep their output and the others carry on likewise. New events are numbered after the recorded ones.
    /// </summary>
    /// <param name="history">The recorded events, in id order, ending before any final event.</param>
    /// <param name="startDate">When the execution first started.</param>
    /// <exception cref="InvalidOperationException">The history has ended or does not begin with ExecutionStarted.</exception>
    public Execution Resume(ExecutionRequest request, IReadOnlyList<HistoryEvent> history, DateTimeOffset startDate) =>
        Continue(request, history, startDate, redrive: false);

    /// <summary>
    /// Redrives an execution that failed, timed out or was aborted: records ExecutionRedriven (with the request's
    /// redrive count) and enters again the state that did not succeed; the states that succeeded are not run again.
    /// A Map or Parallel state runs again only its branches or iterations that did not succeed, each from its failed state.
    /// </summary>
    /// <exception cref="InvalidOperationException">The history does not end unsuccessfully.</exception>
    public Execution Redrive(ExecutionRequest request, IReadOnlyList<HistoryEvent> history, DateTimeOffset startDate) =>
        Continue(request, history, startDate, redrive: true);

    private Execution Continue(ExecutionRequest request, IReadOnlyList<HistoryEvent> history, DateTimeOffset startDate, bool redrive)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(history);
        var plan = ResumePlan.From(request.Definition, history, redrive);
        var recorder = new HistoryRecorder(timeProvider, request.Journal, history);
        var execution = new Execution(request, recorder, timeProvider, startDate);
        var run = NewRun(request, recorder, execution);
        execution.Begin(run, plan.Input, plan);
        return execution;
    }

    private ExecutionRun NewRun(ExecutionRequest request, HistoryRecorder history, Execution execution)
    {
        var allInvokers = request.ExtraInvokers is { Count: > 0 } extra ? [.. extra, .. _invokers] : _invokers;
        return new ExecutionRun(request, allInvokers, timeProvider, history, execution.Cancellation, execution.StartDate)
        {
            InputJson = request.InputJson,
            DelayScale = DelayScale,
            Slot = _slots.ForExecution(),
            Callbacks = Callbacks,
            Threads = Threads,
            Sizes = _sizes,
        };
    }
}
