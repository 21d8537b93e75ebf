using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>Choice: goes to the Next of the first matching rule, else Default, else fails with States.NoChoiceMatched.</summary>
internal static class ChoiceStateRunner
{
    public static StateOutcome Run(StateVisit visit, ChoiceState state)
    {
        var input = DataFlow.ApplyInputPath(visit, visit.RawInput);
        ChoiceRule? matched = null;
        foreach (var rule in state.Choices)
        {
            if (ChoiceEvaluator.Matches(visit, rule, input))
            {
                matched = rule;
                break;
            }
        }

        var next = matched?.Next ?? state.Default
            ?? throw new StateFailure(
                ErrorNames.NoChoiceMatched,
                $"No Choice Rules matched in the state '{state.Name}' and no Default was specified.");

        var assigned = DataFlow.EvaluateAssign(visit, state.Assign, input);
        if (matched?.Assign is { } ruleAssign && DataFlow.EvaluateAssign(visit, ruleAssign, input) is { } ruleAssigned)
        {
            assigned ??= new JsonObject();
            foreach (var (name, value) in ruleAssigned.ToList())
            {
                ruleAssigned.Remove(name);
                assigned[name] = value;
            }
        }

        var output = DataFlow.ApplyOutputPath(visit, input);
        var assignedTexts = DataFlow.StoreAssigned(visit, assigned);
        return StateEvents.Exit(visit, output, assignedTexts, next);
    }
}
