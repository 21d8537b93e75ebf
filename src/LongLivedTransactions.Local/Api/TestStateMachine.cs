using System.Text.Json.Nodes;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// The state machine TestState runs: the state under test, every state it can go to replaced by a Succeed state
/// (so the run stops right after it and the history names the state that would come next), and, when variables
/// are given, a Pass state in front that assigns them.
/// </summary>
public sealed class TestStateMachine
{
    private readonly JsonObject state;
    private readonly JsonObject? variables;
    private readonly Dictionary<string, string> standIns = new(StringComparer.Ordinal);

    public TestStateMachine(string stateName, JsonObject state, JsonObject? variables)
    {
        ArgumentNullException.ThrowIfNull(state);
        StateName = stateName;
        this.state = (JsonObject)state.DeepClone();
        this.variables = variables;
        VariablesStateName = UniqueName($"{stateName}.Variables", _ => false);
        RewriteTransitions(this.state);
    }

    public string StateName { get; }

    public string VariablesStateName { get; }

    /// <summary>Stand-in state name → the state the definition names as a transition target.</summary>
    public IReadOnlyDictionary<string, string> TargetsByStandIn => standIns.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>The definition text; without Retry the engine runs the state once, and TestState reports retries itself.</summary>
    public string ToDefinition(bool includeRetry)
    {
        var tested = (JsonObject)state.DeepClone();
        if (!includeRetry)
        {
            tested.Remove("Retry");
        }

        if (tested["Type"]?.GetValue<string>() == "Wait")
        {
            // TestState reports what comes after a Wait state without waiting.
            foreach (string field in new[] { "Seconds", "SecondsPath", "Timestamp", "TimestampPath" })
            {
                tested.Remove(field);
            }

            tested["Seconds"] = 0;
        }

        var states = new JsonObject();
        if (variables is not null)
        {
            states[VariablesStateName] = new JsonObject
            {
                ["Type"] = "Pass",
                ["Assign"] = variables.DeepClone(),
                ["Next"] = StateName,
            };
        }

        states[StateName] = tested;
        foreach (string standIn in standIns.Values)
        {
            states[standIn] = new JsonObject { ["Type"] = "Succeed" };
        }

        var machine = new JsonObject
        {
            ["StartAt"] = variables is null ? StateName : VariablesStateName,
            ["States"] = states,
        };
        if (state["QueryLanguage"] is JsonNode language)
        {
            machine["QueryLanguage"] = language.DeepClone();
        }

        return machine.ToJsonString();
    }

    private void RewriteTransitions(JsonObject tested)
    {
        Replace(tested, "Next");
        if (tested["Catch"] is JsonArray catchers)
        {
            foreach (JsonObject catcher in catchers.OfType<JsonObject>())
            {
                Replace(catcher, "Next");
            }
        }

        if (tested["Choices"] is JsonArray choices)
        {
            foreach (JsonObject choice in choices.OfType<JsonObject>())
            {
                Replace(choice, "Next");
            }
        }

        Replace(tested, "Default");
    }

    private void Replace(JsonObject holder, string field)
    {
        if (holder[field] is not JsonValue value || !value.TryGetValue(out string? target))
        {
            return;
        }

        if (!standIns.TryGetValue(target, out string? standIn))
        {
            // A target named like the tested state (a loop) or the variables state gets a name of its own.
            standIn = target == StateName || target == VariablesStateName
                ? UniqueName($"{target}.Next", standIns.ContainsValue)
                : target;
            standIns[target] = standIn;
        }

        holder[field] = standIn;
    }

    private string UniqueName(string candidate, Func<string, bool> taken)
    {
        while (candidate == StateName || taken(candidate) || standIns.ContainsKey(candidate))
        {
            candidate += "'";
        }

        return candidate;
    }
}
