using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution;

namespace LongLivedTransactions.StatesLanguage.Definitions;

/// <summary>
/// How data flows through one state, in the state's query language (JSONPath or JSONata), chosen when the
/// definition is parsed. Every runner goes through the same steps: select the input, build the arguments,
/// run, apply the result (or a caught error), exit; only this object knows the language.
/// </summary>
public abstract class StateDataFlow
{
    public abstract string QueryLanguage { get; }

    /// <summary>The state's effective input, taken from its raw input.</summary>
    internal abstract JsonNode? SelectInput(StateVisit visit);

    /// <summary>What the state works on: Parameters or Arguments applied to the effective input, or the input itself.</summary>
    internal abstract JsonNode? BuildArguments(StateVisit visit, JsonNode? input);

    /// <summary>The state's output and the variables it assigns, from its result (for states without a result: the input).</summary>
    internal abstract FlowResult ApplyResult(StateVisit visit, JsonNode? input, JsonNode? result);

    /// <summary>The output and variables when <paramref name="catcher"/> catches an error.</summary>
    internal abstract FlowResult ApplyCatch(StateVisit visit, Catcher catcher, JsonObject errorOutput);

    /// <summary>Whether a Choice rule matches the effective input.</summary>
    internal abstract bool Matches(StateVisit visit, ChoiceRule rule, JsonNode? input);

    /// <summary>Adds what a matched Choice rule assigns (and, in JSONata, outputs) to the state's own result.</summary>
    internal abstract FlowResult ApplyChoiceRule(StateVisit visit, ChoiceRule rule, JsonNode? input, FlowResult stateResult);
}

/// <summary>A state's output, and the variables it assigns (stored only when the state exits).</summary>
internal readonly record struct FlowResult(JsonNode? Output, JsonObject? Assigned)
{
    /// <summary>These assignments with <paramref name="later"/>'s added on top (a matched Choice rule's win).</summary>
    public JsonObject? AssignedWith(JsonObject? later)
    {
        if (later is null)
        {
            return Assigned;
        }

        var assigned = Assigned ?? new JsonObject();
        foreach (var (name, value) in later.ToList())
        {
            later.Remove(name);
            assigned[name] = value;
        }

        return assigned;
    }
}
