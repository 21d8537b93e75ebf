using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>Task states: the resource, and the timeout and heartbeat as numbers, paths or JSONata expressions.</summary>
internal sealed partial class DefinitionReader
{
    private TaskState ReadTask(StateCommon common, JsonObject state, string location)
    {
        var resource = ReadResource(state, location);

        int? timeout = null;
        PathReference? timeoutPath = null;
        int? heartbeat = null;
        PathReference? heartbeatPath = null;
        if (state.TryGetPropertyValue("TimeoutSeconds", out var timeoutNode))
        {
            timeout = ReadPositiveInteger(timeoutNode, "TimeoutSeconds", $"{location}/TimeoutSeconds", MaxTimeoutSeconds);
        }

        if (state.TryGetPropertyValue("TimeoutSecondsPath", out var timeoutPathNode))
        {
            timeoutPath = ReadPath(timeoutPathNode, "TimeoutSecondsPath", $"{location}/TimeoutSecondsPath");
            if (state.ContainsKey("TimeoutSeconds"))
            {
                _diagnostics.Schema("A Task state must not have both 'TimeoutSeconds' and 'TimeoutSecondsPath'.", location);
            }
        }

        if (state.TryGetPropertyValue("HeartbeatSeconds", out var heartbeatNode))
        {
            heartbeat = ReadPositiveInteger(heartbeatNode, "HeartbeatSeconds", $"{location}/HeartbeatSeconds", MaxTimeoutSeconds);
            if (heartbeat is not null && heartbeat >= (timeout ?? 99_999_999))
            {
                _diagnostics.Schema("'HeartbeatSeconds' must be smaller than 'TimeoutSeconds'.", $"{location}/HeartbeatSeconds");
            }
        }

        if (state.TryGetPropertyValue("HeartbeatSecondsPath", out var heartbeatPathNode))
        {
            heartbeatPath = ReadPath(heartbeatPathNode, "HeartbeatSecondsPath", $"{location}/HeartbeatSecondsPath");
            if (state.ContainsKey("HeartbeatSeconds"))
            {
                _diagnostics.Schema("A Task state must not have both 'HeartbeatSeconds' and 'HeartbeatSecondsPath'.", location);
            }
        }

        return new TaskState(
            common,
            resource,
            ReadErrorHandling(state, location),
            timeout,
            timeoutPath,
            heartbeat,
            heartbeatPath);
    }

    private TaskState ReadJsonataTask(StateCommon common, JsonObject state, string location)
    {
        var resource = ReadResource(state, location);

        var (timeout, timeoutExpression) = ReadJsonataInteger(state, "TimeoutSeconds", location, MaxTimeoutSeconds);
        var (heartbeat, heartbeatExpression) = ReadJsonataInteger(state, "HeartbeatSeconds", location, MaxTimeoutSeconds);
        if (heartbeat is not null && heartbeat >= (timeout ?? 99_999_999))
        {
            _diagnostics.Schema("'HeartbeatSeconds' must be smaller than 'TimeoutSeconds'.", $"{location}/HeartbeatSeconds");
        }

        return new TaskState(
            common, resource, ReadErrorHandling(state, location), timeout, null, heartbeat, null, timeoutExpression, heartbeatExpression);
    }

    private string ReadResource(JsonObject state, string location)
    {
        if (!JsonFields.TryGetString(state["Resource"], out var resource))
        {
            _diagnostics.Schema("The field 'Resource' is required and must be a string.", $"{location}/Resource");
        }
        else if (!resource.StartsWith("arn:", StringComparison.Ordinal) || resource.Split(':').Length < 6)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidResource, $"The resource provided {resource} is not a valid ARN.", $"{location}/Resource");
        }

        return resource;
    }
}
