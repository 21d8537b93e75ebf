using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>Pass: the result is Result, or Parameters applied to the input, or the input itself.</summary>
internal static class PassStateRunner
{
    public static StateOutcome Run(StateVisit visit, PassState state)
    {
        var input = DataFlow.ApplyInputPath(visit, visit.RawInput);
        var result = state.HasResult
            ? state.Result?.DeepClone()
            : state.Parameters is not null ? DataFlow.Evaluate(visit, state.Parameters, input) : input;

        var assigned = DataFlow.EvaluateAssign(visit, state.Assign, result);
        var output = DataFlow.ApplyResultPath(visit, state.ResultPath, visit.RawInput, result);
        output = DataFlow.ApplyOutputPath(visit, output);
        var assignedTexts = DataFlow.StoreAssigned(visit, assigned);
        return StateEvents.Exit(visit, output, assignedTexts, state.Next);
    }
}
