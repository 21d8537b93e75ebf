using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Corpus;

/// <summary>
/// One execution recorded against AWS Step Functions (one line of <c>cases.jsonl</c>). The JSON members are
/// shared by every test that reads the corpus: treat them as read-only and clone before handing them on.
/// </summary>
internal sealed record ConformanceCase(
    string Id,
    IReadOnlyList<string> Tags,
    string QueryLanguage,
    JsonObject Definition,
    string Input,
    ExpectedResult Expected,
    JsonArray? History,
    CasePlaceholders Placeholders,
    IReadOnlyList<SnapshotTransform> SnapshotTransforms,
    IReadOnlyDictionary<string, IReadOnlyList<RecordedAttempt>> Mocks)
{
    public bool HasTag(string tag) => Tags.Contains(tag, StringComparer.Ordinal);

    /// <summary>T1, T2 or T3 (the corpus tags every case with exactly one tier).</summary>
    public string Tier => Tags.First(tag => tag is "T1" or "T2" or "T3");

    public override string ToString() => Id;
}

/// <summary>The recorded terminal result (DescribeExecution, or the sync response for express-sync cases).</summary>
/// <param name="Cause">A string, or the parsed object where the recorded cause was JSON object text.</param>
internal sealed record ExpectedResult(string Status, JsonNode? Output, string? Error, JsonNode? Cause);

/// <summary>The names the recording replaced by placeholders; null where the test kept the random name.</summary>
internal sealed record CasePlaceholders(
    string? StateMachineName,
    string? ExecutionName,
    string? RoleArn,
    string? ExecutionArnSuffix);

/// <summary>A test-specific replacement the recording applied (normalisation rule 9).</summary>
internal sealed record SnapshotTransform(string Kind, IReadOnlyList<JsonNode?> Arguments, JsonObject KeywordArguments)
{
    public string? PositionalOrKeyword(int position, string keyword)
    {
        if (Arguments.Count > position)
        {
            return Arguments[position]?.GetValue<string>();
        }

        return KeywordArguments[keyword]?.GetValue<string>();
    }
}

/// <summary>The outcome of one attempt of a Lambda-backed Task state, in recorded order.</summary>
/// <param name="Returns">True when the attempt returned <paramref name="Result"/>; false when it threw.</param>
internal sealed record RecordedAttempt(bool Returns, JsonNode? Result, string? Error, string? Cause, string? RecordedEvent);
