using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.Parsing;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tests.Conformance.Comparison;
using LongLivedTransactions.StatesLanguage.Tests.Conformance.Corpus;
using LongLivedTransactions.StatesLanguage.Tests.Conformance.Normalisation;
using LongLivedTransactions.StatesLanguage.Validation;
using EngineExecution = LongLivedTransactions.StatesLanguage.Execution.Execution;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Running;

/// <summary>
/// Runs one recorded case through our engine (parse, run on a <see cref="ManualClock"/>, recorded Lambda
/// results for T3) and compares status, output, error and cause, and the history where one was recorded.
/// </summary>
internal static class CaseRunner
{
    // After every clock-dependent timestamp in the corpus (built 2026-11-26), so those waits lie in the past
    // as they did when recorded; fixed so that every run sees the same clock.
    public static readonly DateTimeOffset ClockStart = new(2026, 11, 27, 0, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan RealTimeLimit = TimeSpan.FromSeconds(10);

    public static async Task<CaseOutcome> RunAsync(ConformanceCase conformanceCase, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        CaseOutcome Failure(string reason) =>
            new(conformanceCase, [], reason, conformanceCase.History is not null, null, TimeProvider.System.GetElapsedTime(started));

        StateMachineDefinition definition;
        try
        {
            definition = StateMachineParser.Parse(conformanceCase.Definition.ToJsonString());
        }
        catch (InvalidDefinitionException exception)
        {
            var diagnostics = exception.Diagnostics.Select(d => $"{d.Code} {d.Location}: {d.Message}");
            return Failure($"definition rejected: {string.Join(" | ", diagnostics)}");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Failure($"parser threw {exception.GetType().Name}: {exception.Message}");
        }

        var names = CaseNames.For(conformanceCase);
        var clock = new ManualClock(ClockStart);
        var engine = new ExecutionEngine([], clock);
        IReadOnlyList<ITaskInvoker>? recordedLambdas = conformanceCase.Mocks.Count > 0
            ? [new RecordedLambdaInvoker(conformanceCase.Mocks)]
            : null;

        EngineExecution execution;
        try
        {
            execution = engine.Start(new ExecutionRequest(
                names.StateMachineArn, names.ExecutionArn, names.ExecutionName, definition,
                conformanceCase.Input, names.RoleArn, recordedLambdas));
            if (!await ExecutionDriver.RunToEndAsync(execution, clock, RealTimeLimit, cancellationToken))
            {
                var history = execution.GetHistory();
                var status = execution.Status;
                execution.Stop("Conformance.Hung", "Stopped by the conformance runner.");
                return Failure($"still {StatusText(status)} after {RealTimeLimit.TotalSeconds:0} s of real time "
                               + $"({history.Count} events, last {(history.Count > 0 ? history[^1].Type : "none")})");
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Failure($"engine threw {exception.GetType().Name}: {exception.Message}");
        }

        var normaliser = SnapshotNormaliser.For(conformanceCase);
        var matcher = new JsonMatcher(normaliser.ComputedValueTokens);
        var mismatches = CompareResult(conformanceCase.Expected, execution, normaliser, matcher);
        var historyDifference = conformanceCase.History is { } recorded
            ? CompareHistory(recorded, execution, normaliser, matcher)
            : null;
        return new CaseOutcome(conformanceCase, mismatches, null, conformanceCase.History is not null,
            historyDifference, TimeProvider.System.GetElapsedTime(started));
    }

    private static List<FieldMismatch> CompareResult(
        ExpectedResult expected, EngineExecution execution, SnapshotNormaliser normaliser, JsonMatcher matcher)
    {
        var mismatches = new List<FieldMismatch>();
        var status = StatusText(execution.Status);
        if (status != expected.Status)
        {
            mismatches.Add(new FieldMismatch("status", $"expected {expected.Status}, actual {status}"
                                                       + (execution.Error is null ? "" : $" ({execution.Error}: {execution.Cause})")));
        }

        void Compare(string field, JsonNode? expectedValue, JsonNode? actualValue)
        {
            if (matcher.FindDifference(expectedValue, actualValue) is { } difference)
            {
                mismatches.Add(new FieldMismatch(field, difference));
            }
        }

        Compare("output", expected.Output, normaliser.NormaliseOutput(execution.OutputJson));
        var (error, cause) = normaliser.NormaliseFailure(execution.Error, execution.Cause);
        Compare("error", expected.Error is null ? null : JsonValue.Create(expected.Error), error);
        Compare("cause", expected.Cause, cause);
        return mismatches;
    }

    private static string? CompareHistory(
        JsonArray recorded, EngineExecution execution, SnapshotNormaliser normaliser, JsonMatcher matcher)
    {
        var events = new JsonArray(execution.GetHistory().Select(historyEvent => (JsonNode)historyEvent.ToJson()).ToArray());
        var normalised = normaliser.NormaliseHistory(new JsonObject { ["events"] = events });
        return HistoryMatcher.FindDifference(recorded, normalised["events"]!.AsArray(), matcher);
    }

    public static string StatusText(ExecutionStatus status) => status switch
    {
        ExecutionStatus.Running => "RUNNING",
        ExecutionStatus.Succeeded => "SUCCEEDED",
        ExecutionStatus.Failed => "FAILED",
        ExecutionStatus.TimedOut => "TIMED_OUT",
        ExecutionStatus.Aborted => "ABORTED",
        _ => status.ToString(),
    };
}
