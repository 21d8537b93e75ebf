using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Persistence;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Parsing;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// The state machines of the local endpoint, by ARN, kept in the state database (and in memory: there are few).
/// A deleted state machine is DELETING until its last execution has ended; only then is its name free. Thread-safe.
/// </summary>
public sealed class StateMachineRegistry
{
    private readonly Dictionary<string, StateMachineRecord> machines = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly TimeProvider timeProvider;
    private readonly LocalStateDatabase database;

    /// <summary>Loads the state machines the database holds.</summary>
    public StateMachineRegistry(TimeProvider timeProvider, LocalStateDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        this.timeProvider = timeProvider;
        this.database = database;
        foreach (var (arn, status, record) in database.LoadStateMachines())
        {
            machines[arn] = StateMachineRecord.FromStoredJson(record, status);
        }
    }

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
                if (existing.IsDeleting)
                {
                    throw StepFunctionsErrors.StateMachineDeleting(registration.Arn.Arn);
                }

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
            database.SaveStateMachine(record.Arn.Arn, record.RevisionId, record.ToStoredJson());
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
            if (current.IsDeleting)
            {
                throw StepFunctionsErrors.StateMachineDeleting(arn.Arn);
            }

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
            database.SaveStateMachine(updated.Arn.Arn, updated.RevisionId, updated.ToStoredJson());
            machines[arn.Arn] = updated;
            return updated;
        }
    }

    /// <summary>
    /// Marks the state machine DELETING and returns it, or null when there is none (deleting a state machine that
    /// does not exist is not an error, as in AWS).
    /// </summary>
    public StateMachineRecord? MarkDeleting(StateMachineArn arn)
    {
        ArgumentNullException.ThrowIfNull(arn);
        lock (gate)
        {
            if (!machines.TryGetValue(arn.Arn, out StateMachineRecord? current))
            {
                return null;
            }

            if (!current.IsDeleting)
            {
                database.SetStateMachineStatus(arn.Arn, StateMachineRecord.Deleting);
                current = current with { Status = StateMachineRecord.Deleting };
                machines[arn.Arn] = current;
            }

            return current;
        }
    }

    /// <summary>Completes a deletion: the state machine, its revisions, executions and histories are gone.</summary>
    public void CompleteDeletion(string arn)
    {
        lock (gate)
        {
            database.DeleteStateMachine(arn);
            machines.Remove(arn);
        }
    }

    /// <summary>A revision an execution ran (it may have been replaced by UpdateStateMachine since).</summary>
    public StateMachineRecord Revision(string stateMachineArn, string revisionId)
    {
        lock (gate)
        {
            if (machines.TryGetValue(stateMachineArn, out StateMachineRecord? current) && current.RevisionId == revisionId)
            {
                return current;
            }
        }

        JsonObject stored = database.LoadRevision(revisionId)
            ?? throw new InvalidOperationException($"The state database has no revision {revisionId} of {stateMachineArn}.");
        return StateMachineRecord.FromStoredJson(stored, StateMachineRecord.Active);
    }

    public StateMachineRecord? TryGet(string arn)
    {
        lock (gate)
        {
            return machines.GetValueOrDefault(arn);
        }
    }

    /// <summary>Every state machine, in all regions.</summary>
    public IReadOnlyList<StateMachineRecord> All()
    {
        lock (gate)
        {
            return machines.Values.ToList();
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
