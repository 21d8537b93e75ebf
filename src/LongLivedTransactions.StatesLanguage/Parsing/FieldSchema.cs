using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>Which query language a field belongs to.</summary>
[Flags]
internal enum FieldLanguage
{
    JsonPath = 1,
    Jsonata = 2,
    Both = JsonPath | Jsonata,
}

/// <summary>
/// The one table of the fields a definition's objects may have: each state type, Retry and Catch entries and
/// JSONata Choice rules, with the query language each field belongs to. Every unknown-field diagnostic comes from here.
/// </summary>
internal static class FieldSchema
{
    private static readonly Dictionary<string, FieldLanguage> Common = Fields(FieldLanguage.Both, "Type", "Comment", "QueryLanguage");

    private static readonly Dictionary<string, Dictionary<string, FieldLanguage>> States = new(StringComparer.Ordinal)
    {
        ["Pass"] = State(
            both: ["Next", "End", "Assign"],
            jsonPath: ["InputPath", "OutputPath", "Parameters", "Result", "ResultPath"],
            jsonata: ["Output"]),
        ["Task"] = State(
            both: ["Next", "End", "Assign", "Retry", "Catch", "Resource", "TimeoutSeconds", "HeartbeatSeconds", "Credentials"],
            jsonPath: ["InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "TimeoutSecondsPath", "HeartbeatSecondsPath"],
            jsonata: ["Arguments", "Output"]),
        ["Choice"] = State(
            both: ["Choices", "Default", "Assign"],
            jsonPath: ["InputPath", "OutputPath"],
            jsonata: ["Output"]),
        ["Wait"] = State(
            both: ["Next", "End", "Assign", "Seconds", "Timestamp"],
            jsonPath: ["InputPath", "OutputPath", "SecondsPath", "TimestampPath"],
            jsonata: ["Output"]),
        ["Succeed"] = State(
            both: [],
            jsonPath: ["InputPath", "OutputPath"],
            jsonata: ["Output"]),
        ["Fail"] = State(
            both: ["Error", "Cause"],
            jsonPath: ["ErrorPath", "CausePath"],
            jsonata: []),
        ["Parallel"] = State(
            both: ["Next", "End", "Assign", "Retry", "Catch", "Branches"],
            jsonPath: ["InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath"],
            jsonata: ["Arguments", "Output"]),
        ["Map"] = State(
            both: ["Next", "End", "Assign", "Retry", "Catch", "ItemSelector", "ItemProcessor", "Iterator", "MaxConcurrency",
                "ToleratedFailureCount", "ToleratedFailurePercentage", "ItemReader", "ItemBatcher", "ResultWriter", "Label"],
            jsonPath: ["InputPath", "OutputPath", "ItemsPath", "Parameters", "ResultSelector", "ResultPath", "MaxConcurrencyPath",
                "ToleratedFailureCountPath", "ToleratedFailurePercentagePath"],
            jsonata: ["Items", "Output"]),
    };

    private static readonly Dictionary<string, FieldLanguage> Retrier =
        Fields(FieldLanguage.Both, "ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment");

    private static readonly Dictionary<string, FieldLanguage> Catcher = Merge(
        Fields(FieldLanguage.Both, "ErrorEquals", "Next", "Assign", "Comment"),
        Fields(FieldLanguage.JsonPath, "ResultPath"),
        Fields(FieldLanguage.Jsonata, "Output"));

    private static readonly Dictionary<string, FieldLanguage> JsonataChoiceRule =
        Fields(FieldLanguage.Jsonata, "Condition", "Next", "Output", "Assign", "Comment");

    public static bool IsStateType(string type) => States.ContainsKey(type);

    /// <summary>Reports each field of a state that its type does not have, or that belongs to the other query language.</summary>
    public static void CheckState(string type, JsonObject state, bool jsonata, string location, DiagnosticBag diagnostics)
    {
        var fields = States[type];
        foreach (var (key, _) in state)
        {
            if (!fields.TryGetValue(key, out var language))
            {
                diagnostics.Schema($"The field '{key}' is not supported by Step Functions for a {type} state.", $"{location}/{key}");
            }
            else if (!language.HasFlag(jsonata ? FieldLanguage.Jsonata : FieldLanguage.JsonPath))
            {
                // AWS's wording, reported at the state rather than at the field.
                var (current, other) = jsonata ? ("JSONata", "JSONPath") : ("JSONPath", "JSONata");
                diagnostics.Schema($"The QueryLanguage is set to '{current}', but field '{key}' is only supported for the '{other}' QueryLanguage", location);
            }
        }
    }

    public static void CheckRetrier(JsonObject entry, string location, DiagnosticBag diagnostics) =>
        CheckEntry(Retrier, entry, jsonata: false, "a Retry entry", location, diagnostics);

    public static void CheckCatcher(JsonObject entry, bool jsonata, string location, DiagnosticBag diagnostics) =>
        CheckEntry(Catcher, entry, jsonata, "a Catch entry", location, diagnostics);

    public static void CheckJsonataChoiceRule(JsonObject rule, string location, DiagnosticBag diagnostics) =>
        CheckEntry(JsonataChoiceRule, rule, jsonata: true, "a JSONata Choice rule", location, diagnostics);

    private static void CheckEntry(
        Dictionary<string, FieldLanguage> fields, JsonObject entry, bool jsonata, string where, string location, DiagnosticBag diagnostics)
    {
        var wanted = jsonata ? FieldLanguage.Jsonata : FieldLanguage.JsonPath;
        foreach (var (key, _) in entry)
        {
            if (!fields.TryGetValue(key, out var language) || !language.HasFlag(wanted))
            {
                diagnostics.Schema($"The field '{key}' is not supported in {where}.", $"{location}/{key}");
            }
        }
    }

    private static Dictionary<string, FieldLanguage> State(string[] both, string[] jsonPath, string[] jsonata) =>
        Merge(Common, Fields(FieldLanguage.Both, both), Fields(FieldLanguage.JsonPath, jsonPath), Fields(FieldLanguage.Jsonata, jsonata));

    private static Dictionary<string, FieldLanguage> Fields(FieldLanguage language, params string[] names) =>
        names.ToDictionary(name => name, _ => language, StringComparer.Ordinal);

    private static Dictionary<string, FieldLanguage> Merge(params Dictionary<string, FieldLanguage>[] parts) =>
        parts.SelectMany(part => part).ToDictionary(field => field.Key, field => field.Value, StringComparer.Ordinal);
}
