using System.Text.Json.Nodes;

namespace LongLivedTransactions.Cdk.Tests.Fixtures;

/// <summary>Read-only queries over a synthesized CloudFormation template.</summary>
public sealed class TemplateJson(JsonObject template)
{
    public JsonObject Resources => template[nameof(Resources)]!.AsObject();

    public JsonObject Outputs => template[nameof(Outputs)]!.AsObject();

    public IReadOnlyList<(string LogicalId, JsonObject Resource)> ResourcesOfType(string type) =>
        [.. Resources
            .Where(entry => (string?)entry.Value!["Type"] == type)
            .Select(entry => (entry.Key, entry.Value!.AsObject()))];

    public JsonObject Resource(string logicalId) =>
        Resources[logicalId]?.AsObject() ?? throw new KeyNotFoundException($"The template has no resource {logicalId}.");

    public JsonObject Properties(string logicalId) => Resource(logicalId)["Properties"]!.AsObject();

    /// <summary>Every policy statement granted to a role: its inline policies and each AWS::IAM::Policy attached to it.</summary>
    public IReadOnlyList<JsonObject> StatementsOfRole(string roleLogicalId)
    {
        IEnumerable<JsonNode?> inline = Properties(roleLogicalId)["Policies"]?.AsArray().Select(policy => policy!["PolicyDocument"])
            ?? [];
        IEnumerable<JsonNode?> attached = ResourcesOfType("AWS::IAM::Policy")
            .Where(policy => policy.Resource["Properties"]!["Roles"]!.AsArray().Any(role => RefTarget(role) == roleLogicalId))
            .Select(policy => policy.Resource["Properties"]!["PolicyDocument"]);
        return [.. inline.Concat(attached).SelectMany(Statements)];
    }

    /// <summary>Every statement of every IAM policy, role and resource policy in the template.</summary>
    public IReadOnlyList<JsonObject> AllStatements()
    {
        var documents = new List<JsonNode?>();
        foreach ((_, JsonObject resource) in Resources.Select(entry => (entry.Key, entry.Value!.AsObject())))
        {
            JsonNode? properties = resource["Properties"];
            documents.Add(properties?["PolicyDocument"]);
            documents.Add(properties?["AssumeRolePolicyDocument"]);
            documents.AddRange(properties?["Policies"]?.AsArray().Select(policy => policy!["PolicyDocument"]) ?? []);
        }

        return [.. documents.SelectMany(Statements)];
    }

    public static IEnumerable<JsonObject> Statements(JsonNode? policyDocument) =>
        policyDocument?["Statement"]?.AsArray().Select(statement => statement!.AsObject()) ?? [];

    /// <summary>A statement's Action, which IAM allows as one string or a list.</summary>
    public static IReadOnlyList<string> Actions(JsonObject statement) => StringOrList(statement["Action"]);

    /// <summary>A statement's Resource entries, each a string or an intrinsic function.</summary>
    public static IReadOnlyList<JsonNode> ResourceEntries(JsonObject statement) =>
        statement["Resource"] switch
        {
            null => [],
            JsonArray list => [.. list.Select(entry => entry!)],
            JsonNode single => [single],
        };

    public static string? RefTarget(JsonNode? node) =>
        node is JsonObject { Count: 1 } reference && reference["Ref"] is JsonValue target ? (string?)target : null;

    public static string? GetAttTarget(JsonNode? node, string attribute) =>
        node is JsonObject { Count: 1 } getAtt && getAtt["Fn::GetAtt"] is JsonArray { Count: 2 } pair && (string?)pair[1] == attribute
            ? (string?)pair[0]
            : null;

    private static List<string> StringOrList(JsonNode? node) =>
        node switch
        {
            null => [],
            JsonArray list => [.. list.Select(entry => (string)entry!)],
            JsonNode single => [(string)single!],
        };
}
