using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.History;

/// <summary>Builds the <c>…EventDetails</c> objects with the field names of the Step Functions API.</summary>
internal static class HistoryDetails
{
    public static JsonObject StateEntered(string name, string inputText) => new()
    {
        ["name"] = name,
        ["input"] = inputText,
        ["inputDetails"] = NotTruncated(),
    };

    public static JsonObject StateExited(string name, string outputText, JsonObject? assignedVariables)
    {
        var details = new JsonObject
        {
            ["name"] = name,
            ["output"] = outputText,
            ["outputDetails"] = NotTruncated(),
        };
        if (assignedVariables is not null)
        {
            details["assignedVariables"] = assignedVariables;
            details["assignedVariablesDetails"] = NotTruncated();
        }

        return details;
    }

    public static JsonObject ExecutionStarted(string inputText, string roleArn) => new()
    {
        ["input"] = inputText,
        ["inputDetails"] = NotTruncated(),
        ["roleArn"] = roleArn,
    };

    public static JsonObject Output(string outputText) => new()
    {
        ["output"] = outputText,
        ["outputDetails"] = NotTruncated(),
    };

    public static JsonObject ErrorAndCause(string? error, string? cause)
    {
        var details = new JsonObject();
        if (error is not null)
        {
            details["error"] = error;
        }

        if (cause is not null)
        {
            details["cause"] = cause;
        }

        return details;
    }

    public static JsonObject TaskScheduled(string resourceType, string resource, string region, string parametersText, long? timeoutSeconds, long? heartbeatSeconds)
    {
        var details = new JsonObject
        {
            ["resourceType"] = resourceType,
            ["resource"] = resource,
            ["region"] = region,
            ["parameters"] = parametersText,
        };
        if (timeoutSeconds is not null)
        {
            details["timeoutInSeconds"] = timeoutSeconds.Value;
        }

        if (heartbeatSeconds is not null)
        {
            details["heartbeatInSeconds"] = heartbeatSeconds.Value;
        }

        return details;
    }

    public static JsonObject TaskResource(string resourceType, string resource) => new()
    {
        ["resourceType"] = resourceType,
        ["resource"] = resource,
    };

    public static JsonObject TaskSucceeded(string resourceType, string resource, string outputText) => new()
    {
        ["resourceType"] = resourceType,
        ["resource"] = resource,
        ["output"] = outputText,
        ["outputDetails"] = NotTruncated(),
    };

    public static JsonObject TaskFailed(string resourceType, string resource, string? error, string? cause)
    {
        var details = TaskResource(resourceType, resource);
        if (error is not null)
        {
            details["error"] = error;
        }

        if (cause is not null)
        {
            details["cause"] = cause;
        }

        return details;
    }

    public static JsonObject LambdaScheduled(string resource, string inputText, long? timeoutSeconds)
    {
        var details = new JsonObject
        {
            ["resource"] = resource,
            ["input"] = inputText,
            ["inputDetails"] = NotTruncated(),
        };
        if (timeoutSeconds is not null)
        {
            details["timeoutInSeconds"] = timeoutSeconds.Value;
        }

        return details;
    }

    public static JsonObject MapStarted(int length) => new() { ["length"] = length };

    public static JsonObject MapIteration(string mapStateName, int index) => new()
    {
        ["name"] = mapStateName,
        ["index"] = index,
    };

    private static JsonObject NotTruncated() => new() { ["truncated"] = false };
}
