using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Workflow;
using LongLivedTransactions.StatesLanguage.Execution;

namespace LongLivedTransactions.Local.Checking;

/// <summary>Why a scenario took the wrong path, and the place in the definition that made it.</summary>
/// <param name="Text">The explanation, in the graded definition's state names.</param>
/// <param name="Location">Where to look, like <c>States.ProcessRefund.Catch</c>; null when no one field is to blame.</param>
internal sealed record Explanation(string Text, string? Location);

/// <summary>A scenario's path against the expected one.</summary>
/// <param name="ExpectedPath">The expected path, in the graded definition's state names.</param>
/// <param name="ActualPath">The states the execution went through.</param>
/// <param name="Explanation">Why the path or the status is not the expected one; null when both are.</param>
internal sealed record PathGrade(IReadOnlyList<string> ExpectedPath, IReadOnlyList<string> ActualPath, Explanation? Explanation);

/// <summary>What one execution of a scenario did.</summary>
/// <param name="Visits">The states it went through and how each ended.</param>
/// <param name="Status">SUCCEEDED, FAILED, TIMED_OUT or ABORTED.</param>
/// <param name="StoppedAfter">Set when the check stopped an execution that did not end in time.</param>
/// <param name="ExecutionArn">The execution, for whoever wants to look at it.</param>
internal sealed record ScenarioRun(IReadOnlyList<StateVisit> Visits, string Status, string? Error, string? Cause, TimeSpan? StoppedAfter, string ExecutionArn);

/// <summary>
/// Compares the path a scenario took with the expected one, step by step (a state counts as the step it plays, see
/// <see cref="StateRoles"/>), and explains the first difference from the definition: the Catch that is missing or goes
/// elsewhere, the Next that is wrong, the Catch that hands the error to a compensation instead of the order.
/// </summary>
internal sealed class PathGrader(SagaReference reference, StateRoles roles, IReadOnlyDictionary<string, DefinitionState> states, int? executionTimeoutSeconds)
{
    public PathGrade Grade(ScenarioExpectation scenario, ScenarioRun run)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(run);
        string[] actualPath = run.Visits.Select(v => v.Name).ToArray();
        string[] expectedPath = scenario.Path.Select(step => roles.StateFor(step, actualPath) ?? step).ToArray();
        List<int> stepVisits = Enumerable.Range(0, run.Visits.Count).Where(i => roles.StepOf(run.Visits[i].Name) is not null).ToList();

        int matched = 0;
        while (matched < stepVisits.Count && matched < scenario.Path.Count && roles.StepOf(run.Visits[stepVisits[matched]].Name) == scenario.Path[matched])
        {
            matched++;
        }

        if (matched == stepVisits.Count && matched == scenario.Path.Count && run.StoppedAfter is null)
        {
            Explanation? explanation = run.Status != scenario.Status
                ? new Explanation($"scenario {scenario.Label} ends {run.Status} instead of {scenario.Status}", null)
                : WrongReason(scenario, run) ?? WrongError(scenario, run);
            return new PathGrade(expectedPath, actualPath, explanation);
        }

        var context = new Divergence(
            scenario, run, expectedPath, matched, matched < scenario.Path.Count ? scenario.Path[matched] : null, matched == 0 ? -1 : stepVisits[matched - 1]);
        return new PathGrade(expectedPath, actualPath, Explain(context));
    }

    private Explanation Explain(Divergence at)
    {
        string scenario = $"scenario {at.Scenario.Label}";
        if (at.Run.StoppedAfter is { } limit)
        {
            return new Explanation($"{scenario} did not end within {limit.TotalSeconds:0} s and was stopped at {at.Run.Visits[^1].Name}", null);
        }

        string expected = at.ExpectedStep is null ? "the end" : ExpectedName(at);
        if (at.LastRightVisit < 0)
        {
            string first = at.Run.Visits.Count > 0 ? at.Run.Visits[0].Name : "no state";
            return new Explanation($"the saga starts at {first} instead of {expected}", "StartAt");
        }

        StateVisit previous = at.Run.Visits[at.LastRightVisit];
        string? next = at.LastRightVisit + 1 < at.Run.Visits.Count ? at.Run.Visits[at.LastRightVisit + 1].Name : null;
        SagaStep step = reference.Steps[roles.StepOf(previous.Name)!];
        bool shouldFail = at.ExpectedStep is not null && step.CatchTargets.Contains(at.ExpectedStep);
        DefinitionState? state = states.GetValueOrDefault(previous.Name);

        switch (previous.Outcome)
        {
            case VisitOutcome.Ended when at.Run.Status == "TIMED_OUT":
                return new Explanation(
                    $"the execution timed out (TimeoutSeconds {executionTimeoutSeconds}) at {previous.Name}: {scenario} should go on to {expected}", "TimeoutSeconds");
            case VisitOutcome.Ended when shouldFail && state is not null:
                return new Explanation(
                    $"{previous.Name} has no Catch for {previous.Error}{NearMiss(state, previous.Error)}: {scenario} ends {at.Run.Status} at {previous.Name} instead of going on to {expected}",
                    state.Array("Catch") is null ? state.Location : $"{state.Location}.Catch");
            case VisitOutcome.Ended:
                return FailureOf(at, $"{scenario} ends {at.Run.Status} at {previous.Name} instead of going on to {expected}");
            case VisitOutcome.Caught when shouldFail && state is not null:
                return new Explanation(
                    $"{previous.Name} catches {previous.Error} with Next {next}: {scenario} goes on to {next} instead of {expected}",
                    $"{state.Location}.Catch[{MatchingCatch(state, previous.Error)}].Next");
            case VisitOutcome.Caught:
                return FailureOf(at, $"{scenario} goes on to {next} instead of {expected}");
            case VisitOutcome.Succeeded when next is null:
                return new Explanation($"{previous.Name} ends the execution on success: {scenario} should go on to {expected}", state is null ? null : $"{state.Location}.End");
            default:
                return new Explanation($"{previous.Name} → {next} on success: {WhatFollows(step, previous.Name, at.ExpectedStep, expected)}", state is null ? null : $"{state.Location}.Next");
        }
    }

    /// <summary>
    /// The right path for a wrong reason: a step failed, as the scenario wants, but because a Catch handed it the error
    /// instead of the order, so it never did its work (the records show it).
    /// </summary>
    private Explanation? WrongReason(ScenarioExpectation scenario, ScenarioRun run)
    {
        for (int i = 0; i < run.Visits.Count; i++)
        {
            if (run.Visits[i].Outcome != VisitOutcome.Succeeded && OriginOfErrorInput(run.Visits, i) is not null)
            {
                return HandedOnError(run.Visits, i, $"scenario {scenario.Label} takes the right path for a wrong reason");
            }
        }

        return null;
    }

    /// <summary>
    /// The right path and status, but the execution reports the error of an earlier step: the Catch that caught the
    /// scenario's error did not keep it where the Fail state reads the error from. Null when the error is the expected one,
    /// and when there is none (a Fail state without Error is a choice, and the advice mentions it; a wrong error misleads).
    /// </summary>
    private Explanation? WrongError(ScenarioExpectation scenario, ScenarioRun run)
    {
        if (scenario.Error is null || run.Error is null || run.Error == scenario.Error)
        {
            return null;
        }

        string wrong = $"scenario {scenario.Label} ends {run.Status} with {run.Error} instead of {scenario.Error}";
        StateVisit? catcher = run.Visits.LastOrDefault(v => v.Outcome == VisitOutcome.Caught && v.Error == scenario.Error);
        DefinitionState? state = catcher is null ? null : states.GetValueOrDefault(catcher.Name);
        int k = state is null ? -1 : MatchingCatch(state, scenario.Error);
        if (catcher is null || state is null || k < 0)
        {
            string end = run.Visits.Count > 0 ? run.Visits[^1].Name : "the execution";
            return new Explanation($"{wrong}: {end} reports another error than the one that stopped the saga", states.GetValueOrDefault(end)?.Location);
        }

        return new Explanation(
            $"{wrong}: the Catch of {catcher.Name} for {scenario.Error} does not keep the error it caught, so the saga reports an earlier one " +
            "(JSONata: \"Assign\": {\"error\": \"{% $states.errorOutput %}\"}; JSONPath: \"ResultPath\": \"$.error\")",
            $"{state.Location}.Catch[{k}]");
    }

    /// <summary>
    /// A step that should have succeeded failed: why, as far as the definition tells. Most often a Catch handed the
    /// error on where the next state expects the order, and the compensations after it fail one by one.
    /// </summary>
    private Explanation FailureOf(Divergence at, string consequence)
    {
        StateVisit failed = at.Run.Visits[at.LastRightVisit];
        return HandedOnError(at.Run.Visits, at.LastRightVisit, consequence)
            ?? new Explanation($"{failed.Name} fails with {failed.Error} ({(string.IsNullOrEmpty(failed.Cause) ? "no cause" : ErrorCause.Readable(failed.Cause))}): {consequence}", states.GetValueOrDefault(failed.Name)?.Location);
    }

    /// <summary>"X's Catch[k] has no ResultPath: Y receives the error instead of the order, fails with E, and ..."; null when the failed state received an order.</summary>
    private Explanation? HandedOnError(IReadOnlyList<StateVisit> visits, int failedIndex, string consequence)
    {
        StateVisit failed = visits[failedIndex];
        if (OriginOfErrorInput(visits, failedIndex) is { } origin)
        {
            StateVisit catcher = visits[origin];
            StateVisit receiver = visits[origin + 1];
            DefinitionState catchingState = states[catcher.Name];
            int k = MatchingCatch(catchingState, catcher.Error);
            var entry = (JsonObject)catchingState.Array("Catch")![k]!;
            string why = catchingState.IsJsonata
                ? $"{catcher.Name}'s Catch[{k}] passes the error on as {receiver.Name}'s input: {receiver.Name} sends it instead of the order"
                : entry.ContainsKey("ResultPath")
                    ? $"{catcher.Name}'s Catch[{k}] has ResultPath {entry["ResultPath"]?.ToJsonString() ?? "null"}: {receiver.Name} receives the error instead of the order"
                    : $"{catcher.Name}'s Catch[{k}] has no ResultPath: {receiver.Name} receives the error instead of the order";
            string failure = receiver == failed ? $", fails with {failed.Error}" : $"; {failed.Name} then fails with {failed.Error}";
            return new Explanation($"{why}{failure}, and {consequence}", $"{catchingState.Location}.Catch[{k}]");
        }

        return null;
    }

    /// <summary>
    /// The visit whose Catch first handed an error output on as the next state's input, going back from the failed
    /// visit through states that received an error rather than an order; null when the failed state received an order.
    /// </summary>
    private int? OriginOfErrorInput(IReadOnlyList<StateVisit> visits, int failed)
    {
        int? origin = null;
        for (int receiver = failed; receiver > 0 && IsErrorOutput(visits[receiver].Input); receiver--)
        {
            StateVisit catcher = visits[receiver - 1];
            if (catcher.Outcome != VisitOutcome.Caught || states.GetValueOrDefault(catcher.Name) is not { } state || MatchingCatch(state, catcher.Error) < 0)
            {
                break;
            }

            origin = receiver - 1;
        }

        return origin;
    }

    private string ExpectedName(Divergence at)
    {
        return roles.StateFor(at.ExpectedStep!, []) is null && reference.Steps[at.ExpectedStep!].Function is { } function
            ? $"a state that calls {function} (the definition has none)"
            : at.ExpectedPath[at.StepIndex];
    }

    private string WhatFollows(SagaStep step, string previous, string? expectedStep, string expected)
    {
        StepKind? expectedKind = expectedStep is null ? null : reference.Steps[expectedStep].Kind;
        return (step.Kind, expectedKind) switch
        {
            (StepKind.Compensation, StepKind.Failed) => $"after a successful compensation the saga should end in {expected}",
            (_, StepKind.Failed or StepKind.Succeeded) => $"after {previous} the saga should end in {expected}",
            (StepKind.Compensation, StepKind.Compensation) => $"after a successful compensation the saga should go on to {expected}",
            _ => $"after {previous} succeeds the saga should go on to {expected}",
        };
    }

    /// <summary>" (its Catch[0] lists ErrProccessOrder)" when a Catch entry names the error with a typo.</summary>
    private static string NearMiss(DefinitionState state, string? error)
    {
        if (error is null)
        {
            return string.Empty;
        }

        JsonArray catchers = state.Array("Catch") ?? [];
        for (int k = 0; k < catchers.Count; k++)
        {
            if ((catchers[k]?["ErrorEquals"] as JsonArray ?? []).Select(DefinitionState.Text).OfType<string>()
                .FirstOrDefault(name => Suggestions.Closest(name, [error]) == error) is { } misspelt)
            {
                return $" (its Catch[{k}] lists {misspelt})";
            }
        }

        return string.Empty;
    }

    /// <summary>The index of the Catch entry that takes the error, or -1.</summary>
    private static int MatchingCatch(DefinitionState state, string? error)
    {
        JsonArray catchers = state.Array("Catch") ?? [];
        for (int k = 0; k < catchers.Count; k++)
        {
            string[] errorEquals = (catchers[k]?["ErrorEquals"] as JsonArray ?? []).Select(DefinitionState.Text).OfType<string>().ToArray();
            if (ErrorMatching.Matches(errorEquals, error, isTask: true))
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>A state input that is a Catch's error output ({"Error","Cause"}) rather than an order.</summary>
    private static bool IsErrorOutput(JsonNode? input) =>
        input is JsonObject fields && fields.ContainsKey("Error") && fields.ContainsKey("Cause") && !fields.ContainsKey("order_id");

    /// <param name="StepIndex">Where in the expected path the paths part.</param>
    /// <param name="ExpectedStep">The expected step there, or null when the expected path had ended.</param>
    /// <param name="LastRightVisit">The index of the last visit that matched, or -1.</param>
    private sealed record Divergence(ScenarioExpectation Scenario, ScenarioRun Run, string[] ExpectedPath, int StepIndex, string? ExpectedStep, int LastRightVisit);
}
