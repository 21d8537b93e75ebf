using System.Text.Json;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// Starts executions on the engine and keeps them, by ARN and by state machine, for the API to describe, list and
/// stop. Thread-safe. A <c>stateMachineArn#TestCase</c> ARN runs the execution with that test case of the mock
/// configuration in front of the real integrations, as Step Functions Local does.
/// </summary>
public sealed class ExecutionStore(ExecutionEngine engine, MockConfiguration? mocks)
{
    /// <summary>AWS's limit on the execution input: 256 KiB of UTF-8.</summary>
    public const int MaxInputBytes = 256 * 1024;

    private readonly Dictionary<string, ExecutionRecord> byArn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ExecutionRecord>> byStateMachine = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>
    /// Starts a STANDARD execution. A name already used by a running execution with the same input returns that
    /// execution (StartExecution is idempotent); otherwise a used name is ExecutionAlreadyExists.
    /// </summary>
    public ExecutionRecord Start(StateMachineRecord stateMachine, StateMachineArn requested, string name, string input)
    {
        ArgumentNullException.ThrowIfNull(stateMachine);
        ArgumentNullException.ThrowIfNull(requested);
        ValidateInput(input);
        IReadOnlyList<ITaskInvoker>? mocked = MockedInvokers(requested);
        string executionArn = stateMachine.Arn.ExecutionArn(name);
        lock (gate)
        {
            if (byArn.TryGetValue(executionArn, out ExecutionRecord? existing))
            {
                bool sameRequest = existing.Execution.Status == ExecutionStatus.Running && existing.Execution.InputJson == input;
                return sameRequest ? existing : throw StepFunctionsErrors.ExecutionAlreadyExists(executionArn);
            }

            Execution execution = StartOnEngine(stateMachine, executionArn, name, input, mocked);
            var record = new ExecutionRecord(execution, stateMachine);
            byArn[executionArn] = record;
            if (!byStateMachine.TryGetValue(stateMachine.Arn.Arn, out List<ExecutionRecord>? list))
            {
                list = [];
                byStateMachine[stateMachine.Arn.Arn] = list;
            }

            list.Add(record);
            return record;
        }
    }

    /// <summary>Runs an EXPRESS execution to its end (StartSyncExecution); such executions are not kept.</summary>
    public async Task<Execution> RunSynchronouslyAsync(
        StateMachineRecord stateMachine, StateMachineArn requested, string name, string input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stateMachine);
        ArgumentNullException.ThrowIfNull(requested);
        ValidateInput(input);
        IReadOnlyList<ITaskInvoker>? mocked = MockedInvokers(requested);
        Execution execution = StartOnEngine(stateMachine, stateMachine.Arn.ExpressExecutionArn(name, Guid.NewGuid()), name, input, mocked);
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

    public ExecutionRecord Get(string executionArn)
    {
        lock (gate)
        {
            return byArn.TryGetValue(executionArn, out ExecutionRecord? record)
                ? record
                : throw StepFunctionsErrors.ExecutionDoesNotExist(executionArn);
        }
    }

    /// <summary>The executions of a state machine, newest first, optionally only those with one status.</summary>
    public IReadOnlyList<ExecutionRecord> List(string stateMachineArn, ExecutionStatus? status)
    {
        lock (gate)
        {
            if (!byStateMachine.TryGetValue(stateMachineArn, out List<ExecutionRecord>? list))
            {
                return [];
            }

            IEnumerable<ExecutionRecord> newestFirst = Enumerable.Reverse(list);
            return status is { } wanted ? newestFirst.Where(r => r.Execution.Status == wanted).ToList() : newestFirst.ToList();
        }
    }

    private Execution StartOnEngine(
        StateMachineRecord stateMachine, string executionArn, string name, string input, IReadOnlyList<ITaskInvoker>? mocked)
    {
        try
        {
            return engine.Start(new ExecutionRequest(
                stateMachine.Arn.Arn, executionArn, name, stateMachine.Definition, input, stateMachine.RoleArn, mocked));
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

    private IReadOnlyList<ITaskInvoker>? MockedInvokers(StateMachineArn requested)
    {
        if (requested.TestCase is not { } testCase)
        {
            return null;
        }

        MockedTaskInvoker invoker = mocks?.ForTestCase(requested.Name, testCase)
            ?? throw StepFunctionsErrors.Validation(
                $"Value '{requested.Name}#{testCase}' at 'stateMachineArn' failed to satisfy constraint: the mock configuration has no test case '{testCase}' for state machine '{requested.Name}'");
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
