using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Execution.Runners;
using LongLivedTransactions.StatesLanguage.History;

namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>
/// Where an execution carries on from its recorded history: after a restart (the state in flight runs again from
/// its StateEntered event, so a task that was running is scheduled again, and a Wait sleeps what remains) or after a
/// redrive (the state that failed is entered afresh). A Map or Parallel state that had started its iterations or
/// branches is not entered again: it carries on with them (<see cref="ContainerResume"/>), keeping the output of
/// those that had succeeded, so that only the unfinished or failed ones run, each from the state where it was, and
/// so on at every depth. The branches and iterations are told apart by the scope each event was recorded in
/// (<see cref="HistoryEvent.Scope"/>); see <see cref="ScopedHistory"/>.
/// </summary>
internal sealed record ResumePlan(
    ResumePoint? Point, JsonNode? Input, string? InputText, VariableScope Variables, string? FinishedOutput, bool Redrive)
{
    private static readonly HashSet<string> FinalTypes =
        new(["ExecutionSucceeded", "ExecutionFailed", "ExecutionTimedOut", "ExecutionAborted"], StringComparer.Ordinal);

    public static bool IsFinal(HistoryEvent historyEvent) => FinalTypes.Contains(historyEvent.Type);

    /// <exception cref="InvalidOperationException">The history cannot be resumed (or redriven) this way.</exception>
    public static ResumePlan From(StateMachineDefinition definition, IReadOnlyList<HistoryEvent> history, bool redrive)
    {
        if (history.Count == 0 || history[0].Type != "ExecutionStarted")
        {
            throw new InvalidOperationException("The history does not begin with ExecutionStarted.");
        }

        var last = history[^1];
        if (redrive != IsFinal(last) || (redrive && last.Type == "ExecutionSucceeded"))
        {
            throw new InvalidOperationException(redrive
                ? $"Only an execution that ended unsuccessfully can be redriven; its last event is {last.Type}."
                : $"The execution has ended ({last.Type}); there is nothing to resume.");
        }

        var machine = new ScopedHistory(history).Read(definition, scope: null, afterId: 0, restart: redrive)!;
        var variables = machine.Variables(null);
        if (machine.Point is not null || machine.FinishedOutput is not null)
        {
            return new ResumePlan(machine.Point, machine.Input, machine.InputText, variables, machine.FinishedOutput, redrive);
        }

        var executionInput = history[0].Details?["input"]?.GetValue<string>() ?? "{}";
        return new ResumePlan(
            new ResumePoint(definition.StartAt, null, null), JsonNode.Parse(executionInput), executionInput, variables, null, redrive);
    }
}
