using System.Text.Json;
using LongLivedTransactions.Local.Persistence;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.History;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// Starts executions on the engine and keeps them in the state database: each event is written before the engine
/// acts on it, and an execution's status and result with its final event. Only running executions are held in memory
/// (to stop them); everything the API reads comes from the database, so memory does not grow with the executions
/// that have ended. Thread-safe. A <c>stateMachineArn#TestCase</c> ARN runs the execution with that test case of the
/// mock configuration in front of the real integrations, as Step Functions Local does.
/// </summary>
public sealed class ExecutionStore(
    ExecutionEngine engine, MockConfiguration? mocks, LocalStateDatabase database, StateMachineRegistry registry, TimeProvider timeProvider)
{
    /// <summary>AWS's limit on the execution input: 256 KiB of UTF-8.</summary>
    public const int MaxInputBytes = 256 * 1024;

    /// <summary>How long after it ended an execution can be redriven, as on AWS.</summary>
    public static readonly TimeSpan RedrivablePeriod = TimeSpan.FromDays(14);

    /// <summary>The longest an execution may run, as on AWS (one year).</summary>
    public static readonly TimeSpan MaxExecutionTime = TimeSpan.FromDays(365);

    private readonly Dictionary<string, Execution> running = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>How many executions are running now (held in memory).</summary>
    public int RunningCount
    {
        get
        {
            lock (gate)
            {
                return running.Count;
            }
        }
    }

    /// <summary>
    /// Starts a STANDARD execution. A name already used by a running execution with the same input returns that
    /// execution (StartExecution is idempotent); otherwise a used name is ExecutionAlreadyExists. The execution and
    /// its ExecutionStarted event are in the database before this returns.
    /// </summary>
    public ExecutionRecord Start(StateMachineRecord stateMachine, StateMachineArn requested, string name, string input) =>
        StartOrFind(stateMachine, requested, name, input).Record;

    /// <summary>
    /// Starts as <see cref="Start"/> does and returns the execution itself (its history read from the database), for
    /// a caller in this process that waits for its end.
    /// </summary>
    public Execution StartRunning(StateMachineRecord stateMachine, StateMachineArn requested, string name, string input) =>
        StartOrFind(stateMachine, requested, name, input).Execution
            ?? throw StepFunctionsErrors.ExecutionAlreadyExists(stateMachine.Arn.ExecutionArn(name));

    /// <summary>The started execution, or the running one an identical request names (null once it has ended).</summary>
    private (ExecutionRecord Record, Execution? Execution) StartOrFind(StateMachineRecord stateMachine, StateMachineArn requested, string name, string input)
    {
        ArgumentNullException.ThrowIfNull(stateMachine);
        ArgumentNullException.ThrowIfNull(requested);
        ValidateInput(input);
        IReadOnlyList<ITaskInvoker>? mocked = MockedInvokers(requested.Name, requested.TestCase);
        string executionArn = stateMachine.Arn.ExecutionArn(name);
        lock (gate)
        {
            if (database.FindExecution(executionArn) is { } existing)
            {
                bool sameRequest = existing.Status == "RUNNING" && existing.Input == input;
                return sameRequest
                    ? (new ExecutionRecord(existing), running.GetValueOrDefault(executionArn))
                    : throw StepFunctionsErrors.ExecutionAlreadyExists(executionArn);
            }

            StateMachineRecord current = registry.Get(stateMachine.Arn);
            if (current.IsDeleting)
            {
                throw StepFunctionsErrors.StateMachineDeleting(stateMachine.Arn.Arn);
            }

            // The execution and its ExecutionStarted event are written in one transaction: both or neither.
            DateTimeOffset startDate = timeProvider.GetUtcNow();
            var (seq, execution) = database.InTransaction(() =>
            {
                long inserted = database.InsertExecution(executionArn, stateMachine.Arn.Arn, stateMachine.RevisionId, name, input, startDate, requested.TestCase);
                return (inserted, OnEngine(() => engine.Start(Request(stateMachine, executionArn, name, input, mocked, inserted, 0))));
            });
            Track(execution);
            var started = new StoredExecution(
                seq, executionArn, stateMachine.Arn.Arn, stateMachine.RevisionId, name, input, "RUNNING", startDate,
                StopDate: null, Output: null, Error: null, Cause: null, RedriveCount: 0, RedriveDate: null, requested.TestCase);
            return (new ExecutionRecord(started), execution);
        }
    }

    /// <summary>Runs an EXPRESS execution to its end (StartSyncExecution); such executions are not kept.</summary>
    public async Task<Execution> RunSynchronouslyAsync(
        StateMachineRecord stateMachine, StateMachineArn requested, string name, string input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateMachine);
        ArgumentNullException.ThrowIfNull(requested);
        ValidateInput(input);
        if (stateMachine.IsDeleting)
        {
            throw StepFunctionsErrors.StateMachineDeleting(stateMachine.Arn.Arn);
        }

        IReadOnlyList<ITaskInvoker>? mocked = MockedInvokers(requested.Name, requested.TestCase);
        string executionArn = stateMachine.Arn.ExpressExecutionArn(name, Guid.NewGuid());
        Execution execution = OnEngine(() => engine.Start(new ExecutionRequest(
            stateMachine.Arn.Arn, executionArn, name, stateMachine.Definition, input, stateMachine.RoleArn, mocked)));
        try
        {
            await execution.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The caller went away: the execution must not keep running on its own.
            execution.Stop("States.Runtime", "The StartSyncExecution request was cancelled.");
            throw;
        }

        return execution;
    }

    /// <summary>The execution, or null when there is none with this ARN.</summary>
    public ExecutionRecord? Find(string executionArn) =>
        database.FindExecution(executionArn) is { } stored ? new ExecutionRecord(stored) : null;

    public ExecutionRecord Get(string executionArn) =>
        database.FindExecution(executionArn) is { } stored
            ? new ExecutionRecord(stored)
            : throw StepFunctionsErrors.ExecutionDoesNotExist(executionArn);

    /// <summary>
    /// Up to <paramref name="limit"/> executions of a state machine, newest first, optionally only those with one
    /// status, from the one started before the execution with key <paramref name="beforeSeq"/>.
    /// </summary>
    public IReadOnlyList<ExecutionRecord> List(string stateMachineArn, ExecutionStatus? status, long? beforeSeq, int limit) =>
        database.ListExecutions(stateMachineArn, status is { } wanted ? ApiJson.StatusText(wanted) : null, beforeSeq, limit)
            .Select(stored => new ExecutionRecord(stored))
            .ToList();

    public IReadOnlyList<HistoryEvent> History(ExecutionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return database.LoadHistory(record.Stored.Seq);
    }

    /// <summary>The state machine revision the execution runs (DescribeStateMachineForExecution).</summary>
    public StateMachineRecord StateMachineOf(ExecutionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return registry.Revision(record.Stored.StateMachineArn, record.Stored.RevisionId);
    }

    /// <summary>Stops a running execution (ABORTED); an execution that has ended is left as it is.</summary>
    public ExecutionRecord Stop(string executionArn, string? error, string? cause)
    {
        ExecutionRecord record = Get(executionArn);
        Execution? execution;
        lock (gate)
        {
            running.TryGetValue(executionArn, out execution);
        }

        execution?.Stop(error, cause);
        return Get(record.ExecutionArn);
    }

    /// <summary>REDRIVABLE, or NOT_REDRIVABLE with AWS's reason.</summary>
    public (bool Redrivable, string? Reason) RedriveStatus(ExecutionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        StoredExecution stored = record.Stored;
        DateTimeOffset now = timeProvider.GetUtcNow();
        string? reason = stored.Status switch
        {
            "RUNNING" => "Execution is RUNNING and cannot be redriven.",
            "SUCCEEDED" => "Execution is SUCCEEDED and cannot be redriven.",
            _ when registry.TryGet(stored.StateMachineArn) is { IsDeleting: true } => "State machine is in DELETING status.",
            _ when stored.Cause == HistoryLimitCause => "Execution history event limit exceeded.",
            _ when now - stored.StartDate > MaxExecutionTime => "Execution has exceeded the max execution time.",
            _ when stored.StopDate is { } stop && now - stop > RedrivablePeriod => "Execution redrivable period exceeded.",
            _ => null,
        };
        return (reason is null, reason);
    }

    /// <summary>
    /// Redrives a FAILED, TIMED_OUT or ABORTED execution (RedriveExecution): the same ARN runs again from the state
    /// that did not succeed; redriveCount goes up by one and ExecutionRedriven is recorded.
    /// </summary>
    public ExecutionRecord Redrive(string executionArn)
    {
        lock (gate)
        {
            ExecutionRecord record = Get(executionArn);
            var (redrivable, reason) = RedriveStatus(record);
            if (!redrivable || running.TryGetValue(executionArn, out Execution? live) && live.Status == ExecutionStatus.Running)
            {
                throw StepFunctionsErrors.ExecutionNotRedrivable(reason ?? "Execution is RUNNING and cannot be redriven.");
            }

            StoredExecution stored = record.Stored;
            StateMachineRecord revision = StateMachineOf(record);
            IReadOnlyList<HistoryEvent> history = database.LoadHistory(stored.Seq);
            int redriveCount = stored.RedriveCount + 1;
            database.MarkRedriven(stored.Seq, redriveCount, timeProvider.GetUtcNow());
            IReadOnlyList<ITaskInvoker>? mocked = MockedInvokers(revision.Name, stored.TestCase);
            ExecutionRequest request = Request(revision, stored.Arn, stored.Name, stored.Input, mocked, stored.Seq, redriveCount);
            Track(OnEngine(() => engine.Redrive(request, history, stored.StartDate)));
            return Get(executionArn);
        }
    }

    /// <summary>
    /// Carries on every execution the database has as RUNNING (after a restart): each resumes from its history.
    /// One that cannot be resumed ends FAILED with States.Runtime and the reason. Returns how many resumed.
    /// </summary>
    public int ResumeAll()
    {
        int resumed = 0;
        foreach (StoredExecution stored in database.RunningExecutions())
        {
            IReadOnlyList<HistoryEvent> history = database.LoadHistory(stored.Seq);
            if (history.Count == 0)
            {
                // The process ended between recording the execution and its first event: StartExecution never answered.
                database.DeleteExecution(stored.Seq);
                continue;
            }

            try
            {
                StateMachineRecord revision = registry.Revision(stored.StateMachineArn, stored.RevisionId);
                IReadOnlyList<ITaskInvoker>? mocked = MockedInvokers(revision.Name, stored.TestCase);
                ExecutionRequest request = Request(revision, stored.Arn, stored.Name, stored.Input, mocked, stored.Seq, stored.RedriveCount);
                lock (gate)
                {
                    Track(engine.Resume(request, history, stored.StartDate));
                }

                resumed++;
            }
            catch (Exception error) when (error is InvalidOperationException or StepFunctionsException or InvalidDefinitionException or JsonException)
            {
                HistoryEvent last = history[^1];
                database.AppendEvent(stored.Seq, new HistoryEvent(
                    last.Id + 1,
                    last.Id,
                    timeProvider.GetUtcNow(),
                    "ExecutionFailed",
                    "executionFailedEventDetails",
                    new System.Text.Json.Nodes.JsonObject
                    {
                        ["error"] = "States.Runtime",
                        ["cause"] = $"The execution could not be resumed after a restart: {error.Message}",
                    }));
            }
        }

        foreach (StateMachineRecord machine in registry.All().Where(m => m.IsDeleting))
        {
            DeleteStateMachine(machine.Arn);
        }

        return resumed;
    }

    /// <summary>
    /// DeleteStateMachine: the state machine becomes DELETING, its running executions fail (States.Runtime) at their
    /// next state transition, and once the last has ended the state machine and its executions are removed; only
    /// then is the name free.
    /// </summary>
    public void DeleteStateMachine(StateMachineArn arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        StateMachineRecord? machine = registry.MarkDeleting(arn);
        if (machine is null)
        {
            return;
        }

        List<Execution> ending;
        lock (gate)
        {
            ending = running.Values.Where(e => e.StateMachineArn == arn.Arn).ToList();
        }

        foreach (Execution execution in ending)
        {
            execution.FailAtNextTransition("States.Runtime", $"State machine {machine.Name} has been deleted.");
        }

        _ = CompleteDeletionAsync(arn.Arn, ending);
    }

    /// <summary>The cause of the FAILED execution that reached the history limit (not redrivable).</summary>
    private const string HistoryLimitCause = "The execution reached the maximum number of history events (25000).";

    private async Task CompleteDeletionAsync(string arn, List<Execution> ending)
    {
        await Task.WhenAll(ending.Select(e => e.Completion)).ConfigureAwait(false);
        registry.CompleteDeletion(arn);
    }

    private void Track(Execution execution)
    {
        running[execution.ExecutionArn] = execution;
        execution.Completion.ContinueWith(
            _ =>
            {
                lock (gate)
                {
                    if (running.TryGetValue(execution.ExecutionArn, out Execution? current) && ReferenceEquals(current, execution))
                    {
                        running.Remove(execution.ExecutionArn);
                    }
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
    }

    private ExecutionRequest Request(
        StateMachineRecord stateMachine, string executionArn, string name, string input, IReadOnlyList<ITaskInvoker>? mocked, long seq, int redriveCount) =>
        new(stateMachine.Arn.Arn, executionArn, name, stateMachine.Definition, input, stateMachine.RoleArn, mocked,
            new DatabaseJournal(database, seq), redriveCount);

    private static Execution OnEngine(Func<Execution> start)
    {
        try
        {
            return start();
        }
        catch (InvalidDefinitionException unsupported)
        {
            // The definition was accepted but uses something the engine cannot run (JSONata).
            throw StepFunctionsErrors.InvalidDefinition(unsupported.Message);
        }
        catch (ArgumentException invalidInput)
        {
            throw StepFunctionsErrors.InvalidExecutionInput($"Invalid State Machine Execution Input: '{invalidInput.Message}'");
        }
    }

    private IReadOnlyList<ITaskInvoker>? MockedInvokers(string stateMachineName, string? testCase)
    {
        if (testCase is null)
        {
            return null;
        }

        MockedTaskInvoker invoker = mocks?.ForTestCase(stateMachineName, testCase)
            ?? throw StepFunctionsErrors.Validation(
                $"Value '{stateMachineName}#{testCase}' at 'stateMachineArn' failed to satisfy constraint: the mock configuration has no test case '{testCase}' for state machine '{stateMachineName}'");
        return [invoker];
    }

    private static void ValidateInput(string input)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(input) > MaxInputBytes)
        {
            throw StepFunctionsErrors.InvalidExecutionInput(
                $"Invalid State Machine Execution Input: 'The input is larger than the maximum of {MaxInputBytes} bytes'");
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(input);
        }
        catch (JsonException invalid)
        {
            throw StepFunctionsErrors.InvalidExecutionInput($"Invalid State Machine Execution Input: '{invalid.Message}'");
        }
    }
}
