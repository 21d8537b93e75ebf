using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>Choice: goes to the Next of the first matching rule, else Default, else fails with States.NoChoiceMatched.</summary>
internal static class ChoiceStateRunner
{
    public static StateOutcome Run(StateVisit visit, ChoiceState state)
    {
        var flow = state.DataFlow;
        var input = flow.SelectInput(visit);
        ChoiceRule? matched = null;
        foreach (var rule in state.Choices)
        {
            if (flow.Matches(visit, rule, input))
            {
                matched = rule;
                break;
            }
        }

        var next = matched?.Next ?? state.Default
            ?? throw new StateFailure(
                ErrorNames.NoChoiceMatched,
                $"No Choice Rules matched in the state '{state.Name}' and no Default was specified.");

        var result = flow.ApplyResult(visit, input, input);
        if (matched is not null)
        {
            result = flow.ApplyChoiceRule(visit, matched, input, result);
        }

        return StateEvents.Exit(visit, result, next);
    }
}
