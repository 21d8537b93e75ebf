using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.History;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>The StateEntered / StateExited events of every state type.</summary>
internal static class StateEvents
{
    public const string EnteredDetails = "stateEnteredEventDetails";
    public const string ExitedDetails = "stateExitedEventDetails";

    public static string Entered(State state) => state switch
    {
        PassState => "PassStateEntered",
        TaskState => "TaskStateEntered",
        ChoiceState => "ChoiceStateEntered",
        WaitState => "WaitStateEntered",
        SucceedState => "SucceedStateEntered",
        FailState => "FailStateEntered",
        ParallelState => "ParallelStateEntered",
        _ => "MapStateEntered",
    };

    public static string Exited(State state) => state switch
    {
        PassState => "PassStateExited",
        TaskState => "TaskStateExited",
        ChoiceState => "ChoiceStateExited",
        WaitState => "WaitStateExited",
        SucceedState => "SucceedStateExited",
        ParallelState => "ParallelStateExited",
        _ => "MapStateExited",
    };

    /// <summary>Stores the variables the state assigned, then checks the size limit, records StateExited and hands the output on.</summary>
    /// <param name="taskResult">The task result the output may be part of (its size bound then holds for the output).</param>
    /// <param name="exitedAt">When the state exits, if the clock was read for an event of the same instant.</param>
    public static StateOutcome Exit(StateVisit visit, FlowResult result, string? next, JsonText? taskResult = null, DateTimeOffset? exitedAt = null) =>
        Exit(visit, result.Output, DataFlow.StoreAssigned(visit, result.Assigned), next, taskResult, exitedAt);

    /// <summary>Checks the size limit, records StateExited and hands the output on.</summary>
    public static StateOutcome Exit(
        StateVisit visit,
        System.Text.Json.Nodes.JsonNode? output,
        KeyValuePair<string, JsonText>[]? assignedVariables,
        string? next,
        JsonText? taskResult = null,
        DateTimeOffset? exitedAt = null)
    {
        var text = DataFlow.TextOf(visit, output, taskResult);
        DataFlow.CheckSize(visit, text);
        var exitedTime = exitedAt ?? visit.Run.Time.GetUtcNow();
        visit.Run.History.Record(
            visit.Cursor, Exited(visit.State), ExitedDetails, HistoryDetails.StateExited(visit.State.Name, text, assignedVariables), exitedTime, next);
        return new StateOutcome(output, text, next, exitedTime);
    }
}
