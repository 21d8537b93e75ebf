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
        var input = state.DataFlow.SelectInput(visit);
        // Counted from the StateEntered time, so that a wait resumed after a restart only sleeps what remains.
        var entered = visit.EnteredTime;
        var until = state switch
        {
            { Seconds: { } seconds } => LongTimers.AddSeconds(entered, seconds),
            { Timestamp: { } timestamp } => timestamp,
            { SecondsPath: { } path } => LongTimers.AddSeconds(entered, ReadSeconds(visit, path, input)),
            { TimestampPath: { } path } => ReadTimestamp(visit, path, input),
            { SecondsExpression: { } expression } => LongTimers.AddSeconds(entered, ReadSeconds(visit, expression, input)),
            { TimestampExpression: { } expression } => ReadTimestamp(visit, expression, input),
            _ => entered,
        };

        if (visit.Run.DelayScale != 1 && until > entered)
        {
            // A scaled run waits the state's length times the scale, still counted from when the state was entered.
            until = LongTimers.AddSeconds(entered, (until - entered).TotalSeconds * visit.Run.DelayScale);
        }

        // A test reports what comes after the Wait state without waiting.
        if (visit.Test is null)
        {
            await visit.Run.Slot.WaitOutsideAsync(LongTimers.DelayUntilAsync(visit.Run.Time, until, visit.Cancellation), visit.Cancellation)
                .ConfigureAwait(false);
        }

        return StateEvents.Exit(visit, state.DataFlow.ApplyResult(visit, input, input), state.Next);
    }

    private static long ReadSeconds(StateVisit visit, JsonataTemplate expression, JsonNode? input)
    {
        var value = JsonataEvaluation.Evaluate(visit, expression, new JsonataEvaluation.StatesObject(input));
        if (value is JsonValue number && number.GetValueKind() == JsonValueKind.Number
            && number.TryGetValue<double>(out var seconds) && seconds == Math.Floor(seconds) && seconds is >= 0 and <= 99_999_999)
        {
            return (long)seconds;
        }

        throw JsonataEvaluation.Failure(visit, $"The Seconds field must be a non-negative integer: {Describe(value)}");
    }

    private static DateTimeOffset ReadTimestamp(StateVisit visit, JsonataTemplate expression, JsonNode? input)
    {
        var value = JsonataEvaluation.Evaluate(visit, expression, new JsonataEvaluation.StatesObject(input));
        if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String && Timestamps.TryParse(text.GetValue<string>(), out var timestamp))
        {
            return timestamp;
        }

        throw JsonataEvaluation.Failure(visit, $"The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {Describe(value)}");
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
