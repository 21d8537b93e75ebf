using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Parsing;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.Local.Api;

/// <summary>The state machines of the local endpoint, by ARN. Thread-safe.</summary>
public sealed class StateMachineRegistry(TimeProvider timeProvider)
{
    private readonly Dictionary<string, StateMachineRecord> machines = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>What a caller asks for in CreateStateMachine (or the host when it registers the saga).</summary>
    public sealed record Registration(
        StateMachineArn Arn,
        string DefinitionText,
        string RoleArn,
        string Type,
        string? Description,
        JsonObject? LoggingConfiguration,
        JsonObject? TracingConfiguration);

    /// <summary>
    /// Registers a state machine. The same name with the same definition, role and type returns the existing one
    /// (CreateStateMachine is idempotent); anything else under an existing name is StateMachineAlreadyExists.
    /// </summary>
    public StateMachineRecord Create(Registration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        StateMachineDefinition definition = ParseDefinition(registration.DefinitionText);
        lock (gate)
        {
            if (machines.TryGetValue(registration.Arn.Arn, out StateMachineRecord? existing))
            {
                bool same = existing.DefinitionText == registration.DefinitionText
                    && existing.RoleArn == registration.RoleArn
                    && existing.Type == registration.Type;
                return same ? existing : throw StepFunctionsErrors.StateMachineAlreadyExists(registration.Arn.Arn);
            }

            var record = new StateMachineRecord(
                registration.Arn,
                registration.DefinitionText,
                definition,
                registration.RoleArn,
                registration.Type,
                timeProvider.GetUtcNow(),
                UpdateDate: null,
                Guid.NewGuid().ToString(),
                registration.Description,
                registration.LoggingConfiguration ?? DefaultLogging(),
                registration.TracingConfiguration ?? new JsonObject { ["enabled"] = false });
            machines[registration.Arn.Arn] = record;
            return record;
        }
    }

    public StateMachineRecord Get(StateMachineArn arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        lock (gate)
        {
            return machines.TryGetValue(arn.Arn, out StateMachineRecord? record)
                ? record
                : throw StepFunctionsErrors.StateMachineDoesNotExist(arn.Arn);
        }
    }

    /// <summary>Replaces the definition, role or configuration; executions already started keep their revision.</summary>
    public StateMachineRecord Update(
        StateMachineArn arn, string? definitionText, string? roleArn, JsonObject? logging, JsonObject? tracing)
    {
        ArgumentNullException.ThrowIfNull(arn);
        StateMachineDefinition? definition = definitionText is null ? null : ParseDefinition(definitionText);
        lock (gate)
        {
            StateMachineRecord current = machines.TryGetValue(arn.Arn, out StateMachineRecord? record)
                ? record
                : throw StepFunctionsErrors.StateMachineDoesNotExist(arn.Arn);
            StateMachineRecord updated = current with
            {
                DefinitionText = definitionText ?? current.DefinitionText,
                Definition = definition ?? current.Definition,
                RoleArn = roleArn ?? current.RoleArn,
                LoggingConfiguration = logging ?? current.LoggingConfiguration,
                TracingConfiguration = tracing ?? current.TracingConfiguration,
                UpdateDate = timeProvider.GetUtcNow(),
                RevisionId = Guid.NewGuid().ToString(),
            };
            machines[arn.Arn] = updated;
            return updated;
        }
    }

    /// <summary>Removes the state machine; deleting one that does not exist is not an error (as in AWS).</summary>
    public void Delete(StateMachineArn arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        lock (gate)
        {
            machines.Remove(arn.Arn);
        }
    }

    /// <summary>The state machines of one region, oldest first.</summary>
    public IReadOnlyList<StateMachineRecord> List(string region)
    {
        lock (gate)
        {
            return machines.Values
                .Where(m => m.Arn.Region == region)
                .OrderBy(m => m.CreationDate)
                .ThenBy(m => m.Name, StringComparer.Ordinal)
                .ToList();
        }
    }

    /// <summary>Parses a definition, turning the engine's findings into AWS's InvalidDefinition error.</summary>
    public static StateMachineDefinition ParseDefinition(string definitionText)
    {
        try
        {
            return StateMachineParser.Parse(definitionText);
        }
        catch (InvalidDefinitionException invalid)
        {
            throw StepFunctionsErrors.InvalidDefinition(invalid.Message);
        }
    }

    private static JsonObject DefaultLogging() => new() { ["level"] = "OFF", ["includeExecutionData"] = false };
}
