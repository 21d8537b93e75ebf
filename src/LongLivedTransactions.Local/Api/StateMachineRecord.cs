using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.Local.Api;

/// <summary>One revision of a registered state machine. Immutable: an update registers a new revision.</summary>
public sealed record StateMachineRecord(
    StateMachineArn Arn,
    string DefinitionText,
    StateMachineDefinition Definition,
    string RoleArn,
    string Type,
    DateTimeOffset CreationDate,
    DateTimeOffset? UpdateDate,
    string RevisionId,
    string? Description,
    JsonObject LoggingConfiguration,
    JsonObject TracingConfiguration)
{
    public const string Standard = "STANDARD";
    public const string Express = "EXPRESS";

    public string Name => Arn.Name;

    public bool IsExpress => Type == Express;
}
