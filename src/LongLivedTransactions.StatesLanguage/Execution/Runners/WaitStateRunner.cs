using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>Wait: sleeps on the execution's TimeProvider (instant under a fake clock) for Seconds or until Timestamp.</summary>
internal static class WaitStateRunner
{
    public static async ValueTask<StateOutcome> RunAsync(StateVisit visit, WaitState state)
    {
        var input = DataFlow.ApplyInputPath(visit, visit.RawInput);
        // Counted from the StateEntered time, so that a wait resumed after a restart only sleeps what remains.
        var entered = visit.EnteredTime;
        var until = state switch
        {
            { Seconds: { } seconds } => LongTimers.AddSeconds(entered, seconds),
            { Timestamp: { } timestamp } => timestamp,
            { SecondsPath: { } path } => LongTimers.AddSeconds(entered, ReadSeconds(visit, path, input)),
            { TimestampPath: { } path } => ReadTimestamp(visit, path, input),
            _ => entered,
        };

        await LongTimers.DelayUntilAsync(visit.Run.Time, until, visit.Cancellation).ConfigureAwait(false);

        var assigned = DataFlow.EvaluateAssign(visit, state.Assign, input);
        var output = DataFlow.ApplyOutputPath(visit, input);
        var assignedTexts = DataFlow.StoreAssigned(visit, assigned);
        return StateEvents.Exit(visit, output, assignedTexts, state.Next);
    }

    private static long ReadSeconds(StateVisit visit, PathReference path, JsonNode? input)
    {
        if (!DataFlow.TryResolve(visit, path, input, out var value))
        {
            throw StateFailure.Runtime(visit, $"The SecondsPath parameter does not reference an input value: {path.Text}");
        }

        if (value is not JsonValue number || number.GetValueKind() != JsonValueKind.Number
            || !long.TryParse(number.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var seconds))
        {
            throw StateFailure.Runtime(visit, $"The SecondsPath parameter cannot be parsed as a long value: {path.Text} == {Describe(value)}");
        }

        if (seconds < 0)
        {
            throw StateFailure.Runtime(visit, $"The SecondsPath parameter references a negative value: {path.Text} == {Describe(value)}");
        }

        return seconds;
    }

    private static DateTimeOffset ReadTimestamp(StateVisit visit, PathReference path, JsonNode? input)
    {
        if (!DataFlow.TryResolve(visit, path, input, out var value))
        {
            throw StateFailure.Runtime(visit, $"The TimestampPath parameter does not reference an input value: {path.Text}");
        }

        if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String && Timestamps.TryParse(text.GetValue<string>(), out var timestamp))
        {
            return timestamp;
        }

        throw StateFailure.Runtime(
            visit,
            $"The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {path.Text} == {Describe(value)}");
    }

    /// <summary>A value as AWS quotes it after "==": strings without quotes, anything else as JSON.</summary>
    private static string Describe(JsonNode? value) =>
        value is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : DataFlow.ToJsonText(value);
}
