using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>Wait states: seconds or a timestamp, as values, paths or JSONata expressions.</summary>
internal sealed partial class DefinitionReader
{
    private static readonly string[] WaitFields = ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"];

    private WaitState ReadWait(StateCommon common, JsonObject state, string location)
    {
        var present = WaitFields.Where(state.ContainsKey).ToList();
        if (present.Count != 1)
        {
            _diagnostics.Schema("A Wait state must have exactly one of 'Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'.", location);
        }

        long? seconds = null;
        DateTimeOffset? timestamp = null;
        PathReference? secondsPath = null;
        PathReference? timestampPath = null;
        if (state.TryGetPropertyValue("Seconds", out var secondsNode))
        {
            if (!JsonFields.TryGetInteger(secondsNode, out var value) || value < 0 || value > MaxTimeoutSeconds)
            {
                _diagnostics.Schema($"The field 'Seconds' must be an integer between 0 and {MaxTimeoutSeconds}.", $"{location}/Seconds");
            }

            seconds = value;
        }

        if (state.TryGetPropertyValue("Timestamp", out var timestampNode))
        {
            if (!JsonFields.TryGetString(timestampNode, out var text) || !Execution.Timestamps.TryParse(text, out var parsed))
            {
                _diagnostics.Schema("The field 'Timestamp' must be an ISO-8601 extended offset date-time string.", $"{location}/Timestamp");
            }
            else
            {
                timestamp = parsed;
            }
        }

        if (state.TryGetPropertyValue("SecondsPath", out var secondsPathNode))
        {
            secondsPath = ReadPath(secondsPathNode, "SecondsPath", $"{location}/SecondsPath");
        }

        if (state.TryGetPropertyValue("TimestampPath", out var timestampPathNode))
        {
            timestampPath = ReadPath(timestampPathNode, "TimestampPath", $"{location}/TimestampPath");
        }

        return new WaitState(common, seconds, timestamp, secondsPath, timestampPath);
    }

    private WaitState ReadJsonataWait(StateCommon common, JsonObject state, string location)
    {
        var hasSeconds = state.TryGetPropertyValue("Seconds", out var secondsNode);
        var hasTimestamp = state.TryGetPropertyValue("Timestamp", out var timestampNode);
        if (hasSeconds == hasTimestamp)
        {
            _diagnostics.Schema("A Wait state must have exactly one of 'Seconds', 'Timestamp'.", location);
        }

        long? seconds = null;
        JsonataTemplate? secondsExpression = null;
        if (hasSeconds)
        {
            if (JsonataTemplateCompiler.IsExpression(secondsNode, out _))
            {
                secondsExpression = JsonataTemplateCompiler.Compile(secondsNode, "Seconds", $"{location}/Seconds", allowErrorOutput: false, _diagnostics);
            }
            else if (!JsonFields.TryGetInteger(secondsNode, out var value) || value < 0 || value > MaxTimeoutSeconds)
            {
                _diagnostics.Schema($"The field 'Seconds' must be an integer between 0 and {MaxTimeoutSeconds}.", $"{location}/Seconds");
            }
            else
            {
                seconds = value;
            }
        }

        DateTimeOffset? timestamp = null;
        JsonataTemplate? timestampExpression = null;
        if (hasTimestamp)
        {
            if (JsonataTemplateCompiler.IsExpression(timestampNode, out _))
            {
                timestampExpression = JsonataTemplateCompiler.Compile(timestampNode, "Timestamp", $"{location}/Timestamp", allowErrorOutput: false, _diagnostics);
            }
            else if (!JsonFields.TryGetString(timestampNode, out var text) || !Execution.Timestamps.TryParse(text, out var parsed))
            {
                _diagnostics.Schema("The field 'Timestamp' must be an ISO-8601 extended offset date-time string.", $"{location}/Timestamp");
            }
            else
            {
                timestamp = parsed;
            }
        }

        return new WaitState(common, seconds, timestamp, null, null, secondsExpression, timestampExpression);
    }
}
