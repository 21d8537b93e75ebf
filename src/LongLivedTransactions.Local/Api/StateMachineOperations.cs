using System.Text.Json.Nodes;

namespace LongLivedTransactions.Local.Api;

/// <summary>CreateStateMachine, DescribeStateMachine, ListStateMachines, UpdateStateMachine, DeleteStateMachine.</summary>
public sealed class StateMachineOperations(StateMachineRegistry registry, ExecutionStore executions, string accountId)
{
    private const int MaxDefinitionLength = 1024 * 1024;

    public JsonObject Create(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string name = request.RequiredString("name");
        string definition = request.RequiredString("definition", MaxDefinitionLength);
        string roleArn = request.RequiredString("roleArn");
        string type = request.OptionalEnum("type", StateMachineRecord.Standard, StateMachineRecord.Express) ?? StateMachineRecord.Standard;
        if (!ResourceNames.IsValid(name))
        {
            throw StepFunctionsErrors.InvalidName(name);
        }

        StepFunctionsArns.ValidateRole(roleArn);
        StateMachineRecord record = registry.Create(new StateMachineRegistry.Registration(
            new StateMachineArn(request.Region, accountId, name, TestCase: null),
            definition,
            roleArn,
            type,
            request.OptionalString("description"),
            ValidLogging(request.OptionalObject("loggingConfiguration")),
            request.OptionalObject("tracingConfiguration")));
        return new JsonObject
        {
            ["stateMachineArn"] = record.Arn.Arn,
            ["creationDate"] = ApiJson.Timestamp(record.CreationDate),
        };
    }

    public JsonObject Describe(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        StateMachineRecord record = registry.Get(StepFunctionsArns.ParseStateMachine(request.RequiredString("stateMachineArn")));
        return Describe(record, includeStatus: true);
    }

    public JsonObject List(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (page, nextToken) = Pagination.Page(
            registry.List(request.Region),
            request.OptionalInt("maxResults", 0, Pagination.MaxPageSize),
            request.OptionalString("nextToken"),
            $"state-machines:{request.Region}");
        var machines = new JsonArray();
        foreach (StateMachineRecord record in page)
        {
            machines.Add(new JsonObject
            {
                ["stateMachineArn"] = record.Arn.Arn,
                ["name"] = record.Name,
                ["type"] = record.Type,
                ["creationDate"] = ApiJson.Timestamp(record.CreationDate),
            });
        }

        return new JsonObject { ["stateMachines"] = machines }.With("nextToken", nextToken);
    }

    public JsonObject Update(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        StateMachineArn arn = StepFunctionsArns.ParseStateMachine(request.RequiredString("stateMachineArn"));
        string? definition = request.OptionalString("definition", MaxDefinitionLength);
        string? roleArn = request.OptionalString("roleArn");
        JsonObject? logging = ValidLogging(request.OptionalObject("loggingConfiguration"));
        JsonObject? tracing = request.OptionalObject("tracingConfiguration");
        if (definition is null && roleArn is null && logging is null && tracing is null)
        {
            throw StepFunctionsErrors.MissingRequiredParameter(
                "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified");
        }

        if (roleArn is not null)
        {
            StepFunctionsArns.ValidateRole(roleArn);
        }

        StateMachineRecord updated = registry.Update(arn, definition, roleArn, logging, tracing);
        return new JsonObject
        {
            ["updateDate"] = ApiJson.Timestamp(updated.UpdateDate ?? updated.CreationDate),
            ["revisionId"] = updated.RevisionId,
        };
    }

    public JsonObject Delete(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        executions.DeleteStateMachine(StepFunctionsArns.ParseStateMachine(request.RequiredString("stateMachineArn")));
        return [];
    }

    /// <summary>The DescribeStateMachine shape (DescribeStateMachineForExecution uses it without status and type).</summary>
    public static JsonObject Describe(StateMachineRecord record, bool includeStatus)
    {
        ArgumentNullException.ThrowIfNull(record);
        var json = new JsonObject
        {
            ["stateMachineArn"] = record.Arn.Arn,
            ["name"] = record.Name,
        };
        if (includeStatus)
        {
            json["status"] = record.Status;
        }

        json["definition"] = record.DefinitionText;
        json["roleArn"] = record.RoleArn;
        if (includeStatus)
        {
            json["type"] = record.Type;
            json["creationDate"] = ApiJson.Timestamp(record.CreationDate);
        }
        else
        {
            json["updateDate"] = ApiJson.Timestamp(record.UpdateDate ?? record.CreationDate);
        }

        json["loggingConfiguration"] = record.LoggingConfiguration.DeepClone();
        json["tracingConfiguration"] = record.TracingConfiguration.DeepClone();
        json["revisionId"] = record.RevisionId;
        return json.With("description", record.Description);
    }

    /// <summary>A logging configuration whose level is one of the API's values and whose flag is a boolean.</summary>
    private static JsonObject? ValidLogging(JsonObject? logging)
    {
        if (logging is null)
        {
            return null;
        }

        var members = new ApiRequest(logging, string.Empty);
        string? level = members.OptionalString("level");
        string[] levels = ["ALL", "ERROR", "FATAL", "OFF"];
        if (level is not null && !levels.Contains(level, StringComparer.Ordinal))
        {
            throw StepFunctionsErrors.Validation(
                $"Value '{level}' at 'loggingConfiguration.level' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", levels)}]");
        }

        if (logging["includeExecutionData"] is { } flag && !(flag is JsonValue value && value.TryGetValue(out bool _)))
        {
            throw StepFunctionsErrors.Validation("Value at 'loggingConfiguration.includeExecutionData' failed to satisfy constraint: Member must be a boolean");
        }

        return logging;
    }
}
