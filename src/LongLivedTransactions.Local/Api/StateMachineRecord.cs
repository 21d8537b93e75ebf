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
    public const string Active = "ACTIVE";
    public const string Deleting = "DELETING";

    /// <summary>ACTIVE, or DELETING from DeleteStateMachine until its last execution has ended.</summary>
    public string Status { get; init; } = Active;

    public bool IsDeleting => Status == Deleting;

    public string Name => Arn.Name;

    public bool IsExpress => Type == Express;

    /// <summary>The record as the state database keeps it (the parsed definition is rebuilt on load).</summary>
    public JsonObject ToStoredJson() => new JsonObject
    {
        ["arn"] = Arn.Arn,
        ["definition"] = DefinitionText,
        ["roleArn"] = RoleArn,
        ["type"] = Type,
        ["creationTicks"] = CreationDate.UtcTicks,
        ["updateTicks"] = UpdateDate?.UtcTicks,
        ["revisionId"] = RevisionId,
        ["description"] = Description,
        ["logging"] = LoggingConfiguration.DeepClone(),
        ["tracing"] = TracingConfiguration.DeepClone(),
    };

    /// <summary>A record from <see cref="ToStoredJson"/>.</summary>
    public static StateMachineRecord FromStoredJson(JsonObject json, string status)
    {
        ArgumentNullException.ThrowIfNull(json);
        string definition = json["definition"]!.GetValue<string>();
        return new StateMachineRecord(
            StepFunctionsArns.ParseStateMachine(json["arn"]!.GetValue<string>()),
            definition,
            StateMachineRegistry.ParseDefinition(definition),
            json["roleArn"]!.GetValue<string>(),
            json["type"]!.GetValue<string>(),
            new DateTimeOffset(json["creationTicks"]!.GetValue<long>(), TimeSpan.Zero),
            json["updateTicks"] is { } update ? new DateTimeOffset(update.GetValue<long>(), TimeSpan.Zero) : null,
            json["revisionId"]!.GetValue<string>(),
            json["description"]?.GetValue<string>(),
            json["logging"]!.AsObject().DeepClone().AsObject(),
            json["tracing"]!.AsObject().DeepClone().AsObject())
        {
            Status = status,
        };
    }
}
