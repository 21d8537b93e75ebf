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
        var now = visit.Run.Time.GetUtcNow();
        var until = state switch
        {
            { Seconds: { } seconds } => now.AddSeconds(seconds),
            { Timestamp: { } timestamp } => timestamp,
            { SecondsPath: { } path } => now.AddSeconds(ReadSeconds(visit, path, input)),
            { TimestampPath: { } path } => ReadTimestamp(visit, path, input),
            _ => now,
        };

        var delay = until - now;
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, visit.Run.Time, visit.Cancellation).ConfigureAwait(false);
        }

        return StateEvents.Exit(visit, state.DataFlow.ApplyResult(visit, input, input, catcherCount: 0), state.Next);
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
