namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>Which fields each state type accepts, in JSONPath and in JSONata states.</summary>
internal static class StateFieldRules
{
    private static readonly string[] Common = ["Type", "Comment", "QueryLanguage"];

    private static readonly Dictionary<string, HashSet<string>> AllowedByType = new(StringComparer.Ordinal)
    {
        ["Pass"] = Set("Next", "End", "InputPath", "OutputPath", "Parameters", "Result", "ResultPath", "Assign"),
        ["Task"] = Set("Next", "End", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
            "Resource", "TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath", "Credentials", "Assign"),
        ["Choice"] = Set("InputPath", "OutputPath", "Choices", "Default", "Assign"),
        ["Wait"] = Set("Next", "End", "InputPath", "OutputPath", "Seconds", "Timestamp", "SecondsPath", "TimestampPath", "Assign"),
        ["Succeed"] = Set("InputPath", "OutputPath"),
        ["Fail"] = Set("Error", "Cause", "ErrorPath", "CausePath"),
        ["Parallel"] = Set("Next", "End", "InputPath", "OutputPath", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch",
            "Branches", "Assign"),
        ["Map"] = Set("Next", "End", "InputPath", "OutputPath", "ItemsPath", "ItemSelector", "Parameters", "ItemProcessor", "Iterator",
            "MaxConcurrency", "MaxConcurrencyPath", "ResultSelector", "ResultPath", "Retry", "Catch", "ToleratedFailureCount",
            "ToleratedFailureCountPath", "ToleratedFailurePercentage", "ToleratedFailurePercentagePath", "ItemReader", "ItemBatcher",
            "ResultWriter", "Label", "Assign"),
    };

    private static readonly Dictionary<string, HashSet<string>> AllowedInJsonata = new(StringComparer.Ordinal)
    {
        ["Pass"] = Set("Next", "End", "Output", "Assign"),
        ["Task"] = Set("Next", "End", "Arguments", "Output", "Assign", "Retry", "Catch", "Resource", "TimeoutSeconds", "HeartbeatSeconds", "Credentials"),
        ["Choice"] = Set("Choices", "Default", "Output", "Assign"),
        ["Wait"] = Set("Next", "End", "Seconds", "Timestamp", "Output", "Assign"),
        ["Succeed"] = Set("Output"),
        ["Fail"] = Set("Error", "Cause"),
        ["Parallel"] = Set("Next", "End", "Arguments", "Output", "Assign", "Retry", "Catch", "Branches"),
        ["Map"] = Set("Next", "End", "Items", "ItemSelector", "ItemProcessor", "Iterator", "MaxConcurrency", "ToleratedFailureCount",
            "ToleratedFailurePercentage", "Output", "Assign", "Retry", "Catch", "ItemReader", "ItemBatcher", "ResultWriter", "Label"),
    };

    public static bool IsKnownType(string type) => AllowedByType.ContainsKey(type);

    public static bool IsAllowed(string type, string field, bool jsonata) =>
        (jsonata ? AllowedInJsonata : AllowedByType)[type].Contains(field);

    private static HashSet<string> Set(params string[] fields) => new(Common.Concat(fields), StringComparer.Ordinal);
}
