using System.Globalization;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Execution;

namespace LongLivedTransactions.Local.Checking;

/// <summary>A piece of advice on the definition, with where it applies (<c>States.ProcessPayment.Retry[0]</c>).</summary>
internal sealed record Advice(string Location, string Message);

/// <summary>
/// Reads the definition for what the scenarios cannot show, because the local functions never time out, are never
/// throttled and never fail in the Lambda service: Retry on the transient Lambda errors, TimeoutSeconds, the order of
/// States.ALL, a JSONPath Catch without ResultPath, misspelt error names, and an execution TimeoutSeconds shorter than
/// the retries it must leave room for.
/// </summary>
internal sealed class StaticAdvisor(SagaReference reference, StateRoles roles)
{
    /// <summary>The errors Lambda's own service raises now and then (AWS recommends retrying them on every Lambda task).</summary>
    public static IReadOnlyList<string> TransientLambdaErrors { get; } =
        ["Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException"];

    // A task without TimeoutSeconds waits this long (the States Language default).
    private const int DefaultTaskTimeoutSeconds = 99_999_999;

    private static readonly string[] StatesErrors =
    [
        ErrorNames.All, ErrorNames.Runtime, ErrorNames.TaskFailed, ErrorNames.Timeout, ErrorNames.HeartbeatTimeout,
        ErrorNames.NoChoiceMatched, ErrorNames.IntrinsicFailure, ErrorNames.DataLimitExceeded, ErrorNames.ResultPathMatchFailure,
        ErrorNames.ParameterPathFailure, ErrorNames.BranchFailed, ErrorNames.ExceedToleratedFailureThreshold, ErrorNames.Permissions,
        "States.QueryEvaluationError",
    ];

    public IReadOnlyList<Advice> Advise(JsonObject machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var advice = new List<Advice>();
        foreach (DefinitionState state in DefinitionState.All(machine).Where(s => s.Type == "Task"))
        {
            if (state.IsLambdaTask)
            {
                advice.AddRange(TransientRetry(state));
            }

            if (!state.Fields.ContainsKey("TimeoutSeconds") && !state.Fields.ContainsKey("TimeoutSecondsPath"))
            {
                advice.Add(new Advice(state.Location,
                    $"no TimeoutSeconds: a call that hangs holds the saga for up to {DefaultTaskTimeoutSeconds} s (the default) before any Catch runs"
                    + (state.IsLambdaTask ? "; give it a little more than the function's own timeout" : string.Empty)));
            }
        }

        foreach (DefinitionState state in DefinitionState.All(machine).Where(s => s.Type == "Fail" && !s.Fields.ContainsKey("Error") && !s.Fields.ContainsKey("ErrorPath")))
        {
            advice.Add(new Advice(state.Location,
                state.IsJsonata
                    ? "no Error: a failed execution does not say which step failed; add \"Error\": \"{% $error.Error %}\" with the error kept in a variable"
                    : "no Error: a failed execution does not say which step failed; add \"ErrorPath\": \"$.error.Error\" (and CausePath) with the Catch entries' ResultPath \"$.error\""));
        }

        foreach (DefinitionState state in DefinitionState.All(machine))
        {
            advice.AddRange(AllBeforeSpecific(state, "Retry"));
            advice.AddRange(AllBeforeSpecific(state, "Catch"));
            advice.AddRange(CatchesWithoutResultPath(state));
            advice.AddRange(MisspeltErrors(state, "Retry"));
            advice.AddRange(MisspeltErrors(state, "Catch"));
        }

        advice.AddRange(ExecutionTimeout(machine));
        return advice;
    }

    private static IEnumerable<Advice> TransientRetry(DefinitionState state)
    {
        JsonArray retriers = state.Array("Retry") ?? [];
        var covered = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < retriers.Count; i++)
        {
            string[] errors = ErrorsOf(retriers[i]);
            covered.UnionWith(TransientLambdaErrors.Where(transient => ErrorMatching.Matches(errors, transient, isTask: true)));
            if (errors.FirstOrDefault(e => e is ErrorNames.All or ErrorNames.TaskFailed) is { } catchAll)
            {
                yield return new Advice($"{state.Location}.Retry[{i}]",
                    $"{catchAll} also retries the saga's own errors, which fail the same way every time: retry the transient Lambda errors ({string.Join(", ", TransientLambdaErrors)}) instead");
            }
        }

        string[] missing = TransientLambdaErrors.Where(e => !covered.Contains(e)).ToArray();
        if (missing.Length == TransientLambdaErrors.Count)
        {
            yield return new Advice(retriers.Count == 0 ? state.Location : $"{state.Location}.Retry",
                $"no Retry on the transient Lambda errors ({string.Join(", ", missing)}): a throttled or briefly unavailable function fails the step at once");
        }
        else if (missing.Length > 0)
        {
            yield return new Advice($"{state.Location}.Retry", $"no Retry on {string.Join(", ", missing)}, a transient Lambda error: it fails the step at once");
        }
    }

    /// <summary>States.ALL matches everything, so an entry after it (or an error beside it) never applies.</summary>
    private static IEnumerable<Advice> AllBeforeSpecific(DefinitionState state, string field)
    {
        JsonArray entries = state.Array(field) ?? [];
        for (int i = 0; i < entries.Count; i++)
        {
            string[] errors = ErrorsOf(entries[i]);
            if (!errors.Contains(ErrorNames.All))
            {
                continue;
            }

            string[] shadowed = errors.Where(e => e != ErrorNames.All)
                .Concat(entries.Skip(i + 1).SelectMany(ErrorsOf))
                .Distinct(StringComparer.Ordinal)
                .ToArray();
            if (shadowed.Length > 0)
            {
                yield return new Advice($"{state.Location}.{field}[{i}]",
                    $"States.ALL is listed before {string.Join(", ", shadowed)}: it takes every error first, so what is listed after it never applies; put States.ALL last, alone in its entry");
            }
        }
    }

    /// <summary>In JSONPath, a Catch without ResultPath replaces the state's data with the error output.</summary>
    private static IEnumerable<Advice> CatchesWithoutResultPath(DefinitionState state)
    {
        if (state.IsJsonata)
        {
            yield break;
        }

        JsonArray catchers = state.Array("Catch") ?? [];
        for (int i = 0; i < catchers.Count; i++)
        {
            if (catchers[i] is JsonObject catcher && !catcher.ContainsKey("ResultPath"))
            {
                string next = DefinitionState.Text(catcher["Next"]) ?? "the next state";
                yield return new Advice($"{state.Location}.Catch[{i}]",
                    $"no ResultPath: the error replaces the order, so {next} receives the error instead of the order; add \"ResultPath\": \"$.error\"");
            }
        }
    }

    private static IEnumerable<Advice> MisspeltErrors(DefinitionState state, string field)
    {
        JsonArray entries = state.Array(field) ?? [];
        string[] known = [.. SagaReference.SagaErrors, .. StatesErrors, .. TransientLambdaErrors];
        for (int i = 0; i < entries.Count; i++)
        {
            string[] errors = ErrorsOf(entries[i]);
            for (int j = 0; j < errors.Length; j++)
            {
                if (!known.Contains(errors[j], StringComparer.Ordinal) && Suggestions.Closest(errors[j], known) is { } suggestion)
                {
                    string what = SagaReference.SagaErrors.Contains(suggestion, StringComparer.Ordinal) ? "not an error the saga's functions raise" : "not an error name of Step Functions or Lambda";
                    yield return new Advice($"{state.Location}.{field}[{i}].ErrorEquals[{j}]", $"{errors[j]} is {what}; did you mean {suggestion}?");
                }
            }
        }
    }

    /// <summary>
    /// The execution's TimeoutSeconds must leave room for the longest expected path when every call times out and is
    /// retried; otherwise an execution that retries is cut off, its compensations unfinished.
    /// </summary>
    private IEnumerable<Advice> ExecutionTimeout(JsonObject machine)
    {
        if (machine["TimeoutSeconds"] is not JsonValue value || !value.TryGetValue(out int timeout))
        {
            yield break;
        }

        var states = DefinitionState.TopLevel(machine).ToDictionary(s => s.Name, StringComparer.Ordinal);
        (ScenarioExpectation Scenario, double Seconds, DefinitionState Longest)? worst = null;
        foreach (ScenarioExpectation scenario in reference.Scenarios)
        {
            DefinitionState[] tasks = scenario.Path
                .Select(step => roles.StateFor(step, []))
                .OfType<string>()
                .Select(name => states.GetValueOrDefault(name))
                .OfType<DefinitionState>()
                .Where(s => s.Type == "Task")
                .ToArray();
            if (tasks.Length == 0)
            {
                continue;
            }

            double seconds = tasks.Sum(WorstCaseSeconds);
            if (worst is null || seconds > worst.Value.Seconds)
            {
                worst = (scenario, seconds, tasks.MaxBy(WorstCaseSeconds)!);
            }
        }

        if (worst is { } found && found.Seconds > timeout)
        {
            DefinitionState longest = found.Longest;
            (int attempts, double backoff) = Schedule(longest);
            yield return new Advice("TimeoutSeconds",
                $"the execution times out after {timeout} s, but the worst-case retry schedule of scenario {found.Scenario.Label}'s path takes {Seconds(found.Seconds)} s "
                + $"({longest.Name} alone: {attempts} attempts of {Seconds(TaskTimeout(longest))} s and {Seconds(backoff)} s of back-off): "
                + "an execution that retries is cut off with its compensations unfinished");
        }
    }

    private static double WorstCaseSeconds(DefinitionState task)
    {
        (int attempts, double backoff) = Schedule(task);
        return attempts * TaskTimeout(task) + backoff;
    }

    /// <summary>The most attempts one retrier allows, and the back-off waited between them (before jitter).</summary>
    private static (int Attempts, double BackoffSeconds) Schedule(DefinitionState task)
    {
        (int Attempts, double BackoffSeconds) longest = (1, 0);
        foreach (JsonNode? entry in task.Array("Retry") ?? [])
        {
            if (entry is not JsonObject fields)
            {
                continue;
            }

            var retrier = new Retrier(
                ErrorsOf(fields),
                Number(fields["IntervalSeconds"]) ?? 1,
                (int)(Number(fields["MaxAttempts"]) ?? 3),
                Number(fields["BackoffRate"]) ?? 2,
                Number(fields["MaxDelaySeconds"]) is { } maxDelay ? (int)maxDelay : null,
                JitterStrategy.None);
            double backoff = Enumerable.Range(0, retrier.MaxAttempts).Sum(attempt => ErrorMatching.BackoffSeconds(retrier, attempt));
            if (retrier.MaxAttempts + 1 > longest.Attempts || (retrier.MaxAttempts + 1 == longest.Attempts && backoff > longest.BackoffSeconds))
            {
                longest = (retrier.MaxAttempts + 1, backoff);
            }
        }

        return longest;
    }

    private static double TaskTimeout(DefinitionState task) => Number(task.Fields["TimeoutSeconds"]) ?? 0;

    private static double? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue(out double number) ? number : null;

    private static string Seconds(double seconds) => seconds.ToString("0.##", CultureInfo.InvariantCulture);

    private static string[] ErrorsOf(JsonNode? entry) =>
        (entry?["ErrorEquals"] as JsonArray ?? []).Select(DefinitionState.Text).OfType<string>().ToArray();
}
