using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.History;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>
/// Parallel: runs every branch at once on a copy of the input, each in its own variable scope; the
/// result is the array of branch outputs. The first branch failure cancels the others and fails the state.
/// </summary>
internal static class ParallelStateRunner
{
    public static ValueTask<StateOutcome> RunAsync(StateVisit visit, ParallelState state)
    {
        var input = state.DataFlow.SelectInput(visit);
        var branchInput = state.DataFlow.BuildArguments(visit, input);
        return RetryAndCatch.RunAsync(
            visit,
            state.ErrorHandling,
            isTask: false,
            "ParallelStateFailed",
            (State: state, Input: input, BranchInput: branchInput),
            static async (visit, parallel, _) =>
                Attempt.Succeeded(await AttemptAsync(visit, parallel.State, parallel.Input, parallel.BranchInput).ConfigureAwait(false)));
    }

    private static async Task<StateOutcome> AttemptAsync(StateVisit visit, ParallelState state, JsonNode? input, JsonNode? branchInput)
    {
        // A test does not run the branches: its mock stands for their outputs.
        var outputs = visit.Test is { } test ? test.MockedResult() : await RunBranchesAsync(visit, state, branchInput, visit.TakeResume()).ConfigureAwait(false);
        return StateEvents.Exit(visit, state.DataFlow.ApplyResult(visit, input, outputs), state.Next);
    }

    /// <summary>
    /// Runs every branch; the first failure (in branch order) fails the state once all have stopped. A state carried
    /// on from its history (<paramref name="resume"/>) has started already: the branches that had ended keep their
    /// output, the others carry on from where they were.
    /// </summary>
    private static async Task<JsonArray> RunBranchesAsync(StateVisit visit, ParallelState state, JsonNode? branchInput, ContainerResume? resume)
    {
        var history = visit.Run.History;
        var startedId = resume is null ? history.Record(visit.Cursor, "ParallelStateStarted") : visit.Cursor.LastEventId;
        var inputText = JsonText.Bounded(branchInput);
        using var branchCancellation = CancellationTokenSource.CreateLinkedTokenSource(visit.Cancellation);
        var cursors = new HistoryCursor[state.Branches.Count];
        var runs = new Task<StateOutcome>[state.Branches.Count];
        for (var i = 0; i < runs.Length; i++)
        {
            var branch = resume?.Child(i);
            cursors[i] = visit.Cursor.Child(state.Name, i, branch is { Continues: true } ? branch.LastEventId : startedId);
            runs[i] = branch?.FinishedOutput is { } output
                ? Task.FromResult(new StateOutcome(JsonNode.Parse(output), JsonText.Of(output), null))
                : RunBranchAsync(visit, state.Branches[i], branchInput?.DeepClone(), inputText, cursors[i], branch, branchCancellation);
        }

        try
        {
            await Task.WhenAll(runs).ConfigureAwait(false);
        }
        catch (Exception) when (runs.Any(r => r.Exception?.InnerException is StateFailure))
        {
            // Handled below: the first branch failure (in branch order) fails the state; siblings were cancelled.
        }

        visit.Cancellation.ThrowIfCancellationRequested();
        visit.Cursor.LastEventId = cursors.Max(c => c.LastEventId);
        var failure = runs.Select(r => r.Exception?.InnerException).OfType<StateFailure>().FirstOrDefault();
        if (failure is not null)
        {
            throw failure;
        }

        var outputs = new JsonArray();
        foreach (var run in runs)
        {
            outputs.Add(DataFlow.Owned(run.Result.Output));
        }

        history.RecordBeside(visit.Cursor, "ParallelStateSucceeded");
        return outputs;
    }

    private static async Task<StateOutcome> RunBranchAsync(
        StateVisit visit, StateGraph branch, JsonNode? input, JsonText inputText, HistoryCursor cursor, GraphResume? resume, CancellationTokenSource siblings)
    {
        // Yield first so that all branches start before any of them runs to its first await.
        await Task.Yield();
        try
        {
            return await GraphRunner.RunChildAsync(visit.Run, branch, input, inputText, cursor, visit.Variables, resume, siblings.Token)
                .ConfigureAwait(false);
        }
        catch (StateFailure)
        {
            await siblings.CancelAsync().ConfigureAwait(false);
            throw;
        }
    }
}
