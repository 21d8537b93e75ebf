using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.History;
using LongLivedTransactions.StatesLanguage.Tasks;

namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>What to run: a parsed definition, the ARNs and name that the history and <c>$$</c> report, and the input.</summary>
/// <param name="ExtraInvokers">Invokers consulted before the engine's own (a mock test case, for example).</param>
/// <param name="Journal">Where every event goes as it is recorded (a durable store); null keeps them in memory.</param>
/// <param name="RedriveCount">How often the execution has been redriven (<c>$$.Execution.RedriveCount</c>).</param>
public sealed record ExecutionRequest(
    string StateMachineArn,
    string ExecutionArn,
    string ExecutionName,
    StateMachineDefinition Definition,
    string InputJson,
    string RoleArn = "arn:aws:iam::123456789012:role/local",
    IReadOnlyList<ITaskInvoker>? ExtraInvokers = null,
    IExecutionJournal? Journal = null,
    int RedriveCount = 0);

/// <summary>The status of an execution (API text: RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED).</summary>
public enum ExecutionStatus
{
    Running,
    Succeeded,
    Failed,
    TimedOut,
    Aborted,
}
