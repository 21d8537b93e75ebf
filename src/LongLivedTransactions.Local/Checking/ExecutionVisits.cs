using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.History;

namespace LongLivedTransactions.Local.Checking;

/// <summary>How a visit of a state ended.</summary>
internal enum VisitOutcome
{
    /// <summary>The state exited normally and went on to its Next (or ended the execution).</summary>
    Succeeded,

    /// <summary>The state failed and a Catch entry took the execution on.</summary>
    Caught,

    /// <summary>The execution ended in this state without leaving it (an uncaught error, a Fail state, a timeout).</summary>
    Ended,
}

/// <summary>One entry into a state, read from the history.</summary>
/// <param name="Name">The state.</param>
/// <param name="Input">What the state worked on: the payload it sent to its function, or else its input.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Error">The last error of its task (caught, or the one that ended the execution), or null.</param>
/// <param name="Cause">The cause of that error.</param>
internal sealed record StateVisit(string Name, JsonNode? Input, VisitOutcome Outcome, string? Error, string? Cause);

/// <summary>Reads the states an execution went through, and how each one ended, from its history.</summary>
internal static class ExecutionVisits
{
    public static IReadOnlyList<StateVisit> FromHistory(IReadOnlyList<HistoryEvent> history, string? executionError, string? executionCause)
    {
        ArgumentNullException.ThrowIfNull(history);
        var visits = new List<Builder>();
        foreach (HistoryEvent entry in history)
        {
            Builder? open = visits.LastOrDefault(v => !v.Exited);
            string type = entry.Type;
            JsonObject? details = entry.Details;
            if (type.EndsWith("StateEntered", StringComparison.Ordinal) && DefinitionState.Text(details?["name"]) is { } name)
            {
                visits.Add(new Builder(name, ParseOrNull(details!["input"])));
            }
            else if (type.EndsWith("StateExited", StringComparison.Ordinal))
            {
                open?.Exit();
            }
            else if (type == "TaskScheduled" && ParseOrNull(details?["parameters"]) is JsonObject { } parameters && parameters.ContainsKey("Payload"))
            {
                open?.Send(parameters["Payload"]?.DeepClone());
            }
            else if (type == "LambdaFunctionScheduled")
            {
                open?.Send(ParseOrNull(details?["input"]));
            }
            else if (type is "TaskSucceeded" or "LambdaFunctionSucceeded")
            {
                open?.Fail(null, null);
            }
            else if (IsTaskFailure(type) && DefinitionState.Text(details?["error"]) is { } error)
            {
                open?.Fail(error, DefinitionState.Text(details!["cause"]));
            }
        }

        return visits.Select(v => v.Build(executionError, executionCause)).ToList();
    }

    /// <summary>TaskFailed, LambdaFunctionTimedOut and the like; the execution's own end is read from the execution.</summary>
    private static bool IsTaskFailure(string type) =>
        !type.StartsWith("Execution", StringComparison.Ordinal)
        && (type.EndsWith("Failed", StringComparison.Ordinal) || type.EndsWith("TimedOut", StringComparison.Ordinal));

    private static JsonNode? ParseOrNull(JsonNode? text)
    {
        try
        {
            return text is JsonValue value && value.TryGetValue(out string? json) ? JsonNode.Parse(json) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private sealed class Builder(string name, JsonNode? input)
    {
        private JsonNode? workedOn = input;

        private string? error;
        private string? cause;

        public bool Exited { get; private set; }

        public void Exit() => Exited = true;

        /// <summary>The payload sent to the function: what the function saw, whatever the state's input was.</summary>
        public void Send(JsonNode? payload) => workedOn = payload;

        public void Fail(string? failedWith, string? because)
        {
            error = failedWith;
            cause = because;
        }

        public StateVisit Build(string? executionError, string? executionCause) =>
            Exited
                ? new StateVisit(name, workedOn, error is null ? VisitOutcome.Succeeded : VisitOutcome.Caught, error, cause)
                : new StateVisit(name, workedOn, VisitOutcome.Ended, error ?? executionError, error is null ? executionCause : cause);
    }
}
