using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>Transitions: every target exists, every state is reachable, and the graph can end.</summary>
internal sealed partial class DefinitionReader
{
    /// <summary>StartAt and every Next/Default/Catch target exist, every state is reachable, and the graph can end.</summary>
    private void CheckTransitions(string startAt, JsonObject stateObjects, string location)
    {
        if (startAt.Length > 0 && !stateObjects.ContainsKey(startAt))
        {
            _diagnostics.Error(DiagnosticCodes.MissingTransitionTarget, $"Missing 'Next' target: {startAt}", $"{location}/StartAt");
        }

        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var hasTerminal = false;
        foreach (var (name, node) in stateObjects)
        {
            var targets = new List<(string Target, string Location)>();
            if (node is not JsonObject state)
            {
                continue;
            }

            var stateLocation = $"{location}/States/{name}";
            if (JsonFields.TryGetString(state["Next"], out var next))
            {
                targets.Add((next, $"{stateLocation}/Next"));
            }

            if (JsonFields.TryGetString(state["Default"], out var defaultTarget))
            {
                targets.Add((defaultTarget, $"{stateLocation}/Default"));
            }

            if (state["Choices"] is JsonArray choices)
            {
                for (var i = 0; i < choices.Count; i++)
                {
                    if (JsonFields.TryGetString(choices[i]?["Next"], out var choiceNext))
                    {
                        targets.Add((choiceNext, $"{stateLocation}/Choices[{i}]/Next"));
                    }
                }
            }

            if (state["Catch"] is JsonArray catchers)
            {
                for (var i = 0; i < catchers.Count; i++)
                {
                    if (JsonFields.TryGetString(catchers[i]?["Next"], out var catchNext))
                    {
                        targets.Add((catchNext, $"{stateLocation}/Catch[{i}]/Next"));
                    }
                }
            }

            var type = JsonFields.TryGetString(state["Type"], out var typeText) ? typeText : "";
            hasTerminal |= type is "Succeed" or "Fail" || (JsonFields.TryGetBoolean(state["End"], out var end) && end);

            edges[name] = targets.Select(t => t.Target).ToList();
            foreach (var (target, targetLocation) in targets)
            {
                if (!stateObjects.ContainsKey(target))
                {
                    _diagnostics.Error(DiagnosticCodes.MissingTransitionTarget, $"Missing 'Next' target: {target}", targetLocation);
                }
            }
        }

        if (!hasTerminal)
        {
            // AWS gives this one no location, and then does not look for unreachable states.
            _diagnostics.Error(DiagnosticCodes.MissingEndState, "Workflow has no terminal state", null);
            return;
        }

        if (!stateObjects.ContainsKey(startAt))
        {
            return;
        }

        var reachable = new HashSet<string>(StringComparer.Ordinal) { startAt };
        var pending = new Stack<string>();
        pending.Push(startAt);
        while (pending.Count > 0)
        {
            foreach (var target in edges.GetValueOrDefault(pending.Pop()) ?? [])
            {
                if (stateObjects.ContainsKey(target) && reachable.Add(target))
                {
                    pending.Push(target);
                }
            }
        }

        foreach (var (name, _) in stateObjects)
        {
            if (!reachable.Contains(name))
            {
                _diagnostics.Error(DiagnosticCodes.MissingTransitionTarget, $"State \"{name}\" is not reachable.", $"{location}/States/{name}");
            }
        }
    }
}
