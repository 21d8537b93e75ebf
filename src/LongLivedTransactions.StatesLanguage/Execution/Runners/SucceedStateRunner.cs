using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>Succeed: ends the graph with its input (through InputPath and OutputPath).</summary>
internal static class SucceedStateRunner
{
    public static StateOutcome Run(StateVisit visit, SucceedState state)
    {
        var flow = state.DataFlow;
        var input = flow.SelectInput(visit);
        return StateEvents.Exit(visit, flow.ApplyResult(visit, input, input), null);
    }
}
