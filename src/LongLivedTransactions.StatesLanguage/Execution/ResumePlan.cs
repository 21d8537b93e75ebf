using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Execution.Runners;
using LongLivedTransactions.StatesLanguage.History;

namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>
/// Where an execution carries on from its recorded history: after a restart (the state in flight runs again from
/// its StateEntered event, so a task that was running is scheduled again) or after a redrive (the state that
/// failed is entered afresh). Only the top level of the state machine is resumed at a state: a Parallel or Map
/// state in flight runs again as a whole.
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

        var variables = new VariableScope(null);
        HistoryEvent? entered = null;
        HistoryEvent? exited = null;
        foreach (var historyEvent in history)
        {
            var name = historyEvent.Details?["name"]?.GetValue<string>();
            if (name is null || !definition.States.ContainsKey(name))
            {
                continue;
            }

            if (historyEvent.Type.EndsWith("StateEntered", StringComparison.Ordinal))
            {
                entered = historyEvent;
            }
            else if (historyEvent.Type.EndsWith("StateExited", StringComparison.Ordinal))
            {
                exited = historyEvent;
                if (historyEvent.Details?["assignedVariables"] is JsonObject assigned)
                {
                    var values = new JsonObject();
                    foreach (var (variable, text) in assigned)
                    {
                        values[variable] = JsonNode.Parse(text?.GetValue<string>() ?? "null");
                    }

                    variables.AssignAll(values);
                }
            }
        }

        if (exited is not null && (entered is null || exited.Id > entered.Id))
        {
            // Between two states: the next one was chosen but not yet entered (or the last state ended the run).
            var output = exited.Details?["output"]?.GetValue<string>() ?? "null";
            return exited.NextState is { } next
                ? new ResumePlan(new ResumePoint(next, null, null), JsonNode.Parse(output), output, variables, null, redrive)
                : new ResumePlan(null, null, null, variables, output, redrive);
        }

        if (entered is not null)
        {
            var input = entered.Details?["input"]?.GetValue<string>() ?? "null";
            var name = entered.Details!["name"]!.GetValue<string>();
            var point = redrive
                ? new ResumePoint(name, null, null)
                : new ResumePoint(name, entered.Id, entered.Timestamp);
            return new ResumePlan(point, JsonNode.Parse(input), input, variables, null, redrive);
        }

        var executionInput = history[0].Details?["input"]?.GetValue<string>() ?? "{}";
        return new ResumePlan(
            new ResumePoint(definition.StartAt, null, null), JsonNode.Parse(executionInput), executionInput, variables, null, redrive);
    }
}
