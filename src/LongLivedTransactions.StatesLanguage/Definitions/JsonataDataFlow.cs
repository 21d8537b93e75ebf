using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution;
using static LongLivedTransactions.StatesLanguage.Execution.JsonataEvaluation;

namespace LongLivedTransactions.StatesLanguage.Definitions;

/// <summary>
/// The JSONata data flow: the state works on its raw input (<c>$states.input</c>), Arguments builds what it
/// sends, and Output and Assign are evaluated from <c>$states.result</c> (or <c>$states.errorOutput</c> in a
/// Catch) with the variables as they were when the state was entered.
/// </summary>
public sealed class JsonataDataFlow(JsonataTemplate? arguments, JsonataTemplate? output, JsonataTemplate? assign, bool hasResult) : StateDataFlow
{
    public override string QueryLanguage => "JSONata";

    public JsonataTemplate? Arguments { get; } = arguments;

    public JsonataTemplate? Output { get; } = output;

    /// <summary>An object of variable names to values.</summary>
    public JsonataTemplate? Assign { get; } = assign;

    /// <summary>True for Task, Parallel and Map, whose Output and Assign see <c>$states.result</c>.</summary>
    public bool HasResult { get; } = hasResult;

    internal override JsonNode? SelectInput(StateVisit visit) => visit.RawInput;

    internal override JsonNode? BuildArguments(StateVisit visit, JsonNode? input)
    {
        var arguments = Arguments is null ? input : Evaluate(visit, Arguments, new StatesObject(input));
        visit.Test?.Inspection.AfterArguments = DataFlow.ToJsonText(arguments);
        return arguments;
    }

    internal override FlowResult ApplyResult(StateVisit visit, JsonNode? input, JsonNode? result)
    {
        if (HasResult)
        {
            visit.Test?.Inspection.Result = DataFlow.ToJsonText(result);
        }

        var states = new StatesObject(input, result, HasResult);
        return Apply(visit, Output, Assign, states, defaultOutput: HasResult ? result : input);
    }

    internal override FlowResult ApplyCatch(StateVisit visit, Catcher catcher, JsonObject errorOutput)
    {
        var states = new StatesObject(visit.RawInput, ErrorOutput: errorOutput);
        return Apply(visit, catcher.Output, catcher.JsonataAssign, states, defaultOutput: errorOutput);
    }

    internal override bool Matches(StateVisit visit, ChoiceRule rule, JsonNode? input)
    {
        var condition = ((ConditionRule)rule).Condition;
        var value = Evaluate(visit, condition, new StatesObject(input));
        if (value is JsonValue flag && flag.TryGetValue<bool>(out var matches))
        {
            return matches;
        }

        throw new StateFailure(
            QueryEvaluationError,
            $"An error occurred while executing the state '{visit.State.Name}' (entered at the event id #{visit.EnteredEventId}). The Condition field evaluated to a value that is not a boolean: {DataFlow.ToJsonText(value)}");
    }

    internal override FlowResult ApplyChoiceRule(StateVisit visit, ChoiceRule rule, JsonNode? input, FlowResult stateResult)
    {
        var condition = (ConditionRule)rule;
        if (condition.Output is null && condition.JsonataAssign is null)
        {
            return stateResult;
        }

        var ruleResult = Apply(visit, condition.Output, condition.JsonataAssign, new StatesObject(input), stateResult.Output);
        return new FlowResult(ruleResult.Output, stateResult.AssignedWith(ruleResult.Assigned));
    }

    private static FlowResult Apply(StateVisit visit, JsonataTemplate? output, JsonataTemplate? assign, StatesObject states, JsonNode? defaultOutput)
    {
        // Assign and Output both see the variables as they were on entry: nothing is stored until the state exits.
        var assigned = assign is null ? null : Evaluate(visit, assign, states) as JsonObject;
        var result = output is null ? defaultOutput : EvaluateOutput(visit, output, states);
        return new FlowResult(result, assigned);
    }
}
