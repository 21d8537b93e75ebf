using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Execution.Runners;
using LongLivedTransactions.StatesLanguage.History;

namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>
/// Reads a recorded history thread by thread (the machine, each Parallel branch, each Map iteration, by
/// <see cref="HistoryEvent.Scope"/>) to find where each graph was: the last state entered or exited, the variables
/// assigned, and, for a Map or Parallel state in progress, the same for each of its branches or iterations.
/// </summary>
internal sealed class ScopedHistory
{
    private readonly Dictionary<string, List<HistoryEvent>> _byScope = new(StringComparer.Ordinal);

    public ScopedHistory(IReadOnlyList<HistoryEvent> history)
    {
        foreach (var historyEvent in history)
        {
            var key = historyEvent.Scope ?? "";
            if (!_byScope.TryGetValue(key, out var events))
            {
                _byScope[key] = events = [];
            }

            events.Add(historyEvent);
        }
    }

    /// <summary>Where <paramref name="graph"/>, run on the thread <paramref name="scope"/>, was after event <paramref name="afterId"/>; null if it had recorded nothing since.</summary>
    /// <param name="restart">The graph begins again rather than carrying on (a redrive): its failed state is entered afresh.</param>
    public GraphResume? Read(StateGraph graph, string? scope, long afterId, bool restart)
    {
        var events = _byScope.GetValueOrDefault(scope ?? "")?.Where(e => e.Id > afterId).ToList();
        if (events is not { Count: > 0 })
        {
            return null;
        }

        var assigned = new JsonObject();
        HistoryEvent? entered = null;
        HistoryEvent? exited = null;
        string? iterationEnd = null;
        foreach (var historyEvent in events)
        {
            if (scope is not null && historyEvent.Type is "MapIterationStarted" or "MapIterationSucceeded" or "MapIterationFailed")
            {
                iterationEnd = historyEvent.Type;
            }

            var name = historyEvent.Details?["name"]?.GetValue<string>();
            if (name is null || !graph.States.ContainsKey(name))
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
                if (historyEvent.Details?["assignedVariables"] is JsonObject values)
                {
                    foreach (var (variable, text) in values)
                    {
                        assigned[variable] = JsonNode.Parse(text?.GetValue<string>() ?? "null");
                    }
                }
            }
        }

        // A Map iteration that failed before a restart begins again, as it would on a redrive.
        restart |= iterationEnd == "MapIterationFailed";
        var plan = new GraphResume(
            null, null, null, assigned, null, events[^1].Id, Continues: !restart, IterationSucceeded: iterationEnd == "MapIterationSucceeded");
        if (exited is not null && (entered is null || exited.Id > entered.Id))
        {
            // Between two states: the next one was chosen but not yet entered (or the last state ended the graph).
            var output = exited.Details?["output"]?.GetValue<string>() ?? "null";
            return exited.NextState is { } next
                ? plan with { Point = new ResumePoint(next, null, null), Input = JsonNode.Parse(output), InputText = output }
                : plan with { FinishedOutput = output };
        }

        if (entered is null)
        {
            return plan;
        }

        var stateName = entered.Details!["name"]!.GetValue<string>();
        var input = entered.Details?["input"]?.GetValue<string>() ?? "null";
        var started = StartedEvent(graph.States[stateName], events, entered.Id);
        var point = started is not null
            // A Map or Parallel state that had started its branches or iterations carries on with them.
            ? new ResumePoint(stateName, entered.Id, entered.Timestamp, ReadContainer(graph.States[stateName], scope, started, restart))
            : restart ? new ResumePoint(stateName, null, null) : new ResumePoint(stateName, entered.Id, entered.Timestamp);
        return plan with { Point = point, Input = JsonNode.Parse(input), InputText = input };
    }

    /// <summary>The MapStateStarted or ParallelStateStarted of the state's last attempt since it was entered, if any.</summary>
    private static HistoryEvent? StartedEvent(State state, List<HistoryEvent> events, long enteredId)
    {
        var type = state switch
        {
            MapState => "MapStateStarted",
            ParallelState => "ParallelStateStarted",
            _ => null,
        };
        return type is null ? null : events.LastOrDefault(e => e.Id > enteredId && e.Type == type);
    }

    private ContainerResume ReadContainer(State state, string? scope, HistoryEvent started, bool restart)
    {
        var children = new Dictionary<int, GraphResume>();
        var parallel = state as ParallelState;
        var count = parallel?.Branches.Count ?? started.Details?["length"]?.GetValue<int>() ?? 0;
        for (var i = 0; i < count; i++)
        {
            var graph = parallel?.Branches[i] ?? ((MapState)state).ItemProcessor;
            if (Read(graph, HistoryCursor.ChildScope(scope, state.Name, i), started.Id, restart) is { } child)
            {
                children[i] = child;
            }
        }

        return new ContainerResume(children);
    }
}
