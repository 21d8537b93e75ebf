using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>Succeed: ends the graph with its input (through InputPath and OutputPath).</summary>
internal static class SucceedStateRunner
{
    public static StateOutcome Run(StateVisit visit, SucceedState state)
    {
        var output = DataFlow.ApplyOutputPath(visit, DataFlow.ApplyInputPath(visit, visit.RawInput));
        return StateEvents.Exit(visit, output, null, null);
    }
}
