using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.History;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>
/// Runs a state graph (the machine, a Parallel branch, a Map iteration) from StartAt until a state
/// ends it, recording StateEntered before each state. Failures leave as <see cref="StateFailure"/>.
/// </summary>
internal static class GraphRunner
{
    public static async Task<StateOutcome> RunAsync(
        ExecutionRun run,
        StateGraph graph,
        JsonNode? input,
        string? inputText,
        HistoryCursor cursor,
        VariableScope variables,
        CancellationToken cancellation)
    {
        var stateName = graph.StartAt;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var state = graph.States[stateName];
            inputText ??= DataFlow.ToJsonText(input);
            var visit = new StateVisit(run, state, input, cursor, variables, cancellation) { RawInputText = inputText };
            visit.EnteredTime = run.Time.GetUtcNow();
            visit.EnteredEventId = run.History.Record(
                cursor, StateEvents.Entered(state), StateEvents.EnteredDetails, HistoryDetails.StateEntered(state.Name, inputText), visit.EnteredTime);

            var outcome = state switch
            {
                PassState pass => PassStateRunner.Run(visit, pass),
                TaskState task => await TaskStateRunner.RunAsync(visit, task).ConfigureAwait(false),
                ChoiceState choice => ChoiceStateRunner.Run(visit, choice),
                WaitState wait => await WaitStateRunner.RunAsync(visit, wait).ConfigureAwait(false),
                SucceedState succeed => SucceedStateRunner.Run(visit, succeed),
                FailState fail => throw FailStateRunner.Fail(visit, fail),
                ParallelState parallel => await ParallelStateRunner.RunAsync(visit, parallel).ConfigureAwait(false),
                MapState map => await MapStateRunner.RunAsync(visit, map).ConfigureAwait(false),
                _ => throw new InvalidOperationException($"Unknown state type {state.Type}."),
            };

            if (outcome.Next is null)
            {
                return outcome;
            }

            input = outcome.Output;
            inputText = outcome.OutputText;
            stateName = outcome.Next;
        }
    }
}
