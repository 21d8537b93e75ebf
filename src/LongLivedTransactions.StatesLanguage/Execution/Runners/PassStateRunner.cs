using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>Pass: the result is Result, or Parameters applied to the input, or the input itself.</summary>
internal static class PassStateRunner
{
    public static StateOutcome Run(StateVisit visit, PassState state)
    {
        var flow = state.DataFlow;
        var input = flow.SelectInput(visit);
        var result = state.HasResult ? state.Result?.DeepClone() : flow.BuildArguments(visit, input);
        return StateEvents.Exit(visit, flow.ApplyResult(visit, input, result), state.Next);
    }
}
