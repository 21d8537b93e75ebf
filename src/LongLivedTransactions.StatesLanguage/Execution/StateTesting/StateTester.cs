using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Execution.Callbacks;
using LongLivedTransactions.StatesLanguage.Execution.Runners;
using LongLivedTransactions.StatesLanguage.History;
using LongLivedTransactions.StatesLanguage.Tasks;

namespace LongLivedTransactions.StatesLanguage.Execution.StateTesting;

/// <summary>
/// Runs one state once through the same runner an execution uses for it, with a <see cref="StateTestRun"/> on its
/// visit, and turns the way it ended into a <see cref="StateTestResult"/>.
/// </summary>
internal static class StateTester
{
    /// <summary>A test that runs longer ends with States.Timeout, as TestState's does.</summary>
    private static readonly TimeSpan TimeLimit = TimeSpan.FromMinutes(5);

    public static async Task<StateTestResult> RunAsync(
        StateTestRequest request, IReadOnlyList<ITaskInvoker> invokers, TaskCallbacks callbacks, TimeProvider time, CancellationToken cancellationToken)
    {
        var state = StateLookup.Find(request.Definition, request.StateName)
            ?? throw new ArgumentException($"The definition has no state named '{request.StateName}'.", nameof(request));
        JsonNode? input;
        try
        {
            input = JsonNode.Parse(request.InputJson);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The state input is not valid JSON: {e.Message}", nameof(request), e);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var test = new StateTestRun(request);
        var variables = new VariableScope(null);
        if (request.Variables is { } given)
        {
            variables.AssignAll(given);
        }

        var visit = Enter(request, state, input, test, variables, invokers, callbacks, time, stop.Token);
        try
        {
            var ended = await RunStateAsync(visit).WaitAsync(TimeLimit, time, cancellationToken).ConfigureAwait(false);
            return Report(test, variables, StateTestStatus.Succeeded, ended, null);
        }
        catch (StateTestRetriable retriable)
        {
            return Report(test, variables, StateTestStatus.Retriable, default, retriable.Failure);
        }
        catch (StateFailure failure)
        {
            return Report(test, variables, StateTestStatus.Failed, default, failure);
        }
        catch (TimeoutException)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            return Report(test, variables, StateTestStatus.Failed, default, new StateFailure(ErrorNames.Timeout, null));
        }
    }

    /// <summary>Runs the state; a failure raised before its first await ends the task rather than escaping the call.</summary>
    private static async Task<StateOutcome> RunStateAsync(StateVisit visit) => await GraphRunner.RunStateAsync(visit).ConfigureAwait(false);

    /// <summary>The visit of the tested state, entered as an execution would enter it (with its StateEntered event).</summary>
    private static StateVisit Enter(
        StateTestRequest request,
        State state,
        JsonNode? input,
        StateTestRun test,
        VariableScope variables,
        IReadOnlyList<ITaskInvoker> invokers,
        TaskCallbacks callbacks,
        TimeProvider time,
        CancellationToken cancellation)
    {
        IReadOnlyList<ITaskInvoker> allInvokers = request.Mock is { } mock ? [new MockTaskInvoker(mock), .. invokers] : invokers;
        var execution = new ExecutionRequest(
            request.StateMachineArn, request.ExecutionArn, request.ExecutionName, request.Definition, request.InputJson, request.RoleArn);
        var history = new HistoryRecorder(time);
        var run = new ExecutionRun(execution, allInvokers, time, history, cancellation)
        {
            InputJson = request.InputJson,
            Callbacks = callbacks,
        };
        var inputText = JsonText.Bounded(input);
        var cursor = new HistoryCursor(0);
        var visit = new StateVisit(run, state, input, cursor, variables, cancellation)
        {
            RawInputText = inputText,
            Test = test,
            RetryCount = request.RetrierRetryCount,
        };
        visit.EnteredTime = time.GetUtcNow();
        visit.EnteredEventId = history.Record(
            cursor, StateEvents.Entered(state), StateEvents.EnteredDetails, HistoryDetails.StateEntered(state.Name, inputText), visit.EnteredTime);
        test.Inspection.Input = request.InputJson;
        return visit;
    }

    private static StateTestResult Report(StateTestRun test, VariableScope variables, StateTestStatus status, StateOutcome outcome, StateFailure? failure)
    {
        var assigned = variables.ToJsonObject();
        if (assigned.Count > 0)
        {
            test.Inspection.Variables = DataFlow.ToJsonText(assigned);
        }

        if (status == StateTestStatus.Succeeded && test.Caught is { } caught)
        {
            return new StateTestResult(StateTestStatus.CaughtError, outcome.OutputText.Text, outcome.Next, caught.Error, caught.Cause, test.Inspection);
        }

        return status == StateTestStatus.Succeeded
            ? new StateTestResult(status, outcome.OutputText.Text, outcome.Next, null, null, test.Inspection)
            : new StateTestResult(status, null, null, failure?.Error, failure?.Cause, test.Inspection);
    }
}
