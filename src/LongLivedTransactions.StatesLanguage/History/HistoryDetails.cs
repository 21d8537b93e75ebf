using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.History;

/// <summary>
/// The <c>…EventDetails</c> of one event, kept as plain fields and turned into the API's JSON object
/// only when somebody reads the history (most events of a busy engine are never read).
/// </summary>
internal abstract record EventDetails
{
    public abstract JsonObject Build();

    protected static JsonObject NotTruncated() => new() { ["truncated"] = false };
}

/// <summary>Builds the <c>…EventDetails</c> with the field names of the Step Functions API.</summary>
internal static class HistoryDetails
{
    public static EventDetails StateEntered(string name, JsonText inputText) => new StateEnteredDetails(name, inputText);

    public static EventDetails StateExited(string name, JsonText outputText, KeyValuePair<string, JsonText>[]? assignedVariables) =>
        new StateExitedDetails(name, outputText, assignedVariables);

    public static EventDetails ExecutionStarted(string inputText, string roleArn) => new ExecutionStartedDetails(inputText, roleArn);

    public static EventDetails Output(JsonText outputText) => new OutputDetails(outputText);

    public static EventDetails ErrorAndCause(string? error, string? cause) => new ErrorDetails(null, null, error, cause);

    public static EventDetails TaskScheduled(string resourceType, string resource, string region, JsonText parameters, long? timeoutSeconds, long? heartbeatSeconds) =>
        new TaskScheduledDetails(resourceType, resource, region, parameters, timeoutSeconds, heartbeatSeconds);

    public static EventDetails TaskResource(string resourceType, string resource) => new ErrorDetails(resourceType, resource, null, null);

    public static EventDetails TaskSucceeded(string resourceType, string resource, JsonText outputText) =>
        new TaskSucceededDetails(resourceType, resource, outputText);

    public static EventDetails TaskFailed(string resourceType, string resource, string? error, string? cause) =>
        new ErrorDetails(resourceType, resource, error, cause);

    public static EventDetails LambdaScheduled(string resource, JsonText input, long? timeoutSeconds) =>
        new LambdaScheduledDetails(resource, input, timeoutSeconds);

    public static EventDetails MapStarted(int length) => new MapStartedDetails(length);

    public static EventDetails MapIteration(string mapStateName, int index) => new MapIterationDetails(mapStateName, index);

    public static EventDetails MapRunStarted(string mapRunArn) => new MapRunStartedDetails(mapRunArn);

    public static EventDetails ExecutionRedriven(int redriveCount) => new ExecutionRedrivenDetails(redriveCount);

    private sealed record ExecutionRedrivenDetails(int RedriveCount) : EventDetails
    {
        public override JsonObject Build() => new() { ["redriveCount"] = RedriveCount };
    }

    private sealed record StateEnteredDetails(string Name, JsonText InputText) : EventDetails
    {
        public override JsonObject Build() => new()
        {
            ["name"] = Name,
            ["input"] = InputText.Text,
            ["inputDetails"] = NotTruncated(),
        };
    }

    private sealed record StateExitedDetails(string Name, JsonText OutputText, KeyValuePair<string, JsonText>[]? AssignedVariables) : EventDetails
    {
        public override JsonObject Build()
        {
            var details = new JsonObject
            {
                ["name"] = Name,
                ["output"] = OutputText.Text,
                ["outputDetails"] = NotTruncated(),
            };
            if (AssignedVariables is not null)
            {
                var assigned = new JsonObject();
                foreach (var (variable, text) in AssignedVariables)
                {
                    assigned[variable] = text.Text;
                }

                details["assignedVariables"] = assigned;
                details["assignedVariablesDetails"] = NotTruncated();
            }

            return details;
        }
    }

    private sealed record ExecutionStartedDetails(string InputText, string RoleArn) : EventDetails
    {
        public override JsonObject Build() => new()
        {
            ["input"] = InputText,
            ["inputDetails"] = NotTruncated(),
            ["roleArn"] = RoleArn,
        };
    }

    private sealed record OutputDetails(JsonText OutputText) : EventDetails
    {
        public override JsonObject Build() => new()
        {
            ["output"] = OutputText.Text,
            ["outputDetails"] = NotTruncated(),
        };
    }

    /// <summary>Error/cause, optionally with the task's resourceType/resource (TaskStarted, TaskFailed, TaskTimedOut).</summary>
    private sealed record ErrorDetails(string? ResourceType, string? Resource, string? Error, string? Cause) : EventDetails
    {
        public override JsonObject Build()
        {
            var details = new JsonObject();
            if (ResourceType is not null)
            {
                details["resourceType"] = ResourceType;
                details["resource"] = Resource;
            }

            if (Error is not null)
            {
                details["error"] = Error;
            }

            if (Cause is not null)
            {
                details["cause"] = Cause;
            }

            return details;
        }
    }

    private sealed record TaskScheduledDetails(
        string ResourceType, string Resource, string Region, JsonText Parameters, long? TimeoutSeconds, long? HeartbeatSeconds) : EventDetails
    {
        public override JsonObject Build()
        {
            var details = new JsonObject
            {
                ["resourceType"] = ResourceType,
                ["resource"] = Resource,
                ["region"] = Region,
                ["parameters"] = Parameters.Text,
            };
            if (TimeoutSeconds is not null)
            {
                details["timeoutInSeconds"] = TimeoutSeconds.Value;
            }

            if (HeartbeatSeconds is not null)
            {
                details["heartbeatInSeconds"] = HeartbeatSeconds.Value;
            }

            return details;
        }
    }

    private sealed record TaskSucceededDetails(string ResourceType, string Resource, JsonText OutputText) : EventDetails
    {
        public override JsonObject Build() => new()
        {
            ["resourceType"] = ResourceType,
            ["resource"] = Resource,
            ["output"] = OutputText.Text,
            ["outputDetails"] = NotTruncated(),
        };
    }

    private sealed record LambdaScheduledDetails(string Resource, JsonText Input, long? TimeoutSeconds) : EventDetails
    {
        public override JsonObject Build()
        {
            var details = new JsonObject
            {
                ["resource"] = Resource,
                ["input"] = Input.Text,
                ["inputDetails"] = NotTruncated(),
            };
            if (TimeoutSeconds is not null)
            {
                details["timeoutInSeconds"] = TimeoutSeconds.Value;
            }

            return details;
        }
    }

    private sealed record MapStartedDetails(int Length) : EventDetails
    {
        public override JsonObject Build() => new() { ["length"] = Length };
    }

    private sealed record MapIterationDetails(string MapStateName, int Index) : EventDetails
    {
        public override JsonObject Build() => new()
        {
            ["name"] = MapStateName,
            ["index"] = Index,
        };
    }

    private sealed record MapRunStartedDetails(string MapRunArn) : EventDetails
    {
        public override JsonObject Build() => new() { ["mapRunArn"] = MapRunArn };
    }
}
