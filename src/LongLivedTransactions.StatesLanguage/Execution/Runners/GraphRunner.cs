using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.History;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>
/// Runs a state graph (the machine, a Parallel branch, a Map iteration) from StartAt until a state
/// ends it, recording StateEntered before each state. Errors that no Catch handled leave as
/// <see cref="StateFailure"/>; a Fail state's failure is returned or thrown, as the caller chooses.
/// </summary>
internal static class GraphRunner
{
    /// <summary>Runs the graph; a failure (a Fail state, or an error no Catch handled) is thrown as <see cref="StateFailure"/>.</summary>
    public static async Task<StateOutcome> RunAsync(
        ExecutionRun run,
        StateGraph graph,
        JsonNode? input,
        JsonText? inputText,
        HistoryCursor cursor,
        VariableScope variables,
        CancellationToken cancellation,
        ResumePoint? resume = null)
    {
        var result = await RunToEndAsync(run, graph, input, inputText, cursor, variables, cancellation, resume).ConfigureAwait(false);
        return result.Failure is null ? result.Outcome : throw result.Failure;
    }

    /// <summary>
    /// Runs a Parallel branch or Map iteration in a variable scope of its own: from its start, or, when its recorded
    /// history is given, from the state where it was, with the variables it had assigned.
    /// </summary>
    public static Task<StateOutcome> RunChildAsync(
        ExecutionRun run,
        StateGraph graph,
        JsonNode? input,
        JsonText? inputText,
        HistoryCursor cursor,
        VariableScope parentVariables,
        GraphResume? resume,
        CancellationToken cancellation) =>
        resume?.Point is { } point
            ? RunAsync(run, graph, resume.Input, resume.InputText is { } text ? JsonText.Of(text) : null, cursor, resume.Variables(parentVariables), cancellation, point)
            : RunAsync(run, graph, input, inputText, cursor, parentVariables.CreateChild(), cancellation);

    /// <summary>Runs the graph; a Fail state comes back as the result's failure rather than as an exception.</summary>
    public static async ValueTask<GraphResult> RunToEndAsync(
        ExecutionRun run,
        StateGraph graph,
        JsonNode? input,
        JsonText? inputText,
        HistoryCursor cursor,
        VariableScope variables,
        CancellationToken cancellation,
        ResumePoint? resume = null)
    {
        var stateName = resume?.StateName ?? graph.StartAt;
        DateTimeOffset? exitedAt = null;
        while (true)
        {
            // A state's work is the engine's: back on its threads if a wait or a task call ended elsewhere.
            var switchToEngine = ExecutionThreads.SwitchTo(run.Threads);
            var carriesOn = switchToEngine.IsCompleted;
            await switchToEngine;
            cancellation.ThrowIfCancellationRequested();
            if (run.Termination is { } termination)
            {
                throw termination;
            }

            var state = graph.States[stateName];
            inputText ??= JsonText.Bounded(input);
            var visit = new StateVisit(run, state, input, cursor, variables, cancellation)
            {
                RawInputText = inputText,
                Resumed = resume is { EnteredEventId: not null },
            };
            if (resume is { EnteredEventId: { } enteredEventId, EnteredTime: { } enteredTime })
            {
                // Back into a state whose StateEntered is already in the history: run it again from that entry.
                visit.EnteredTime = enteredTime;
                visit.EnteredEventId = enteredEventId;
                visit.Resume = resume.Container;
            }
            else
            {
                // Entered the moment the previous state exited, unless the run waited for its threads in between.
                visit.EnteredTime = carriesOn && exitedAt is { } previousExit ? previousExit : run.Time.GetUtcNow();
                visit.EnteredEventId = run.History.Record(
                    cursor, StateEvents.Entered(state), StateEvents.EnteredDetails, HistoryDetails.StateEntered(state.Name, inputText), visit.EnteredTime);
            }

            resume = null;

            if (state is FailState fail)
            {
                return new GraphResult(default, FailStateRunner.Fail(visit, fail));
            }

            var outcome = await RunStateAsync(visit).ConfigureAwait(false);

            if (outcome.Next is null)
            {
                return new GraphResult(outcome, null);
            }

            input = outcome.Output;
            inputText = outcome.OutputText;
            stateName = outcome.Next;
            exitedAt = outcome.ExitedAt;
        }
    }

    /// <summary>Runs one entered state with the runner of its type; a Fail state's failure is thrown.</summary>
    public static ValueTask<StateOutcome> RunStateAsync(StateVisit visit) => visit.State switch
    {
        PassState pass => ValueTask.FromResult(PassStateRunner.Run(visit, pass)),
        TaskState task => TaskStateRunner.RunAsync(visit, task),
        ChoiceState choice => ValueTask.FromResult(ChoiceStateRunner.Run(visit, choice)),
        WaitState wait => WaitStateRunner.RunAsync(visit, wait),
        SucceedState succeed => ValueTask.FromResult(SucceedStateRunner.Run(visit, succeed)),
        ParallelState parallel => ParallelStateRunner.RunAsync(visit, parallel),
        MapState map => MapStateRunner.RunAsync(visit, map),
        FailState fail => throw FailStateRunner.Fail(visit, fail),
        _ => throw new InvalidOperationException($"Unknown state type {visit.State.Type}."),
    };
}

/// <summary>
/// Where a resumed graph starts: a state to enter afresh (no entry given), or a state to run again from the
/// StateEntered event already in its history; for a Map or Parallel state that had started, how far its branches or
/// iterations had got.
/// </summary>
internal sealed record ResumePoint(string StateName, long? EnteredEventId, DateTimeOffset? EnteredTime, ContainerResume? Container = null);

/// <summary>How a graph ended: with an outcome, or with the failure of a Fail state.</summary>
internal readonly record struct GraphResult(StateOutcome Outcome, StateFailure? Failure);
