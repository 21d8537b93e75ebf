using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LongLivedTransactions.StatesLanguage.Tests.Conformance.Corpus;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Normalisation;

/// <summary>
/// Rewrites a history document <c>{"events": [...]}</c> the way the recording's snapshot tool rewrote
/// AWS's (rules 1-9 of the corpus README), so that our engine's history and output compare with it.
/// Structural rules run first, in the order the tool ran them; then the text substitutions, in the order the
/// tool registered them: causes quoting the input, the case's own replacements, region and partition,
/// UUID references, and last ISO-8601 date-times.
/// </summary>
internal sealed partial class SnapshotNormaliser
{
    public const string Region = "us-east-1";
    private const string ComputedValueMarker = "<value computed at test time";

    private static readonly HashSet<string> TimestampKeysByName = ["creationTime", "ingestionTime"];

    private readonly IReadOnlyList<SnapshotTransform> _transforms;

    public SnapshotNormaliser(IReadOnlyList<SnapshotTransform> transforms)
    {
        _transforms = transforms;
        ComputedValueTokens = transforms
            .Where(IsComputedValueReplacement)
            .Select(transform => transform.PositionalOrKeyword(1, "replacement")!)
            .ToArray();
    }

    /// <summary>
    /// Replacement texts of values the recording computed at test time from the execution (a generated
    /// UUID, for example). They cannot be reproduced, so a comparison treats them as matching any text.
    /// </summary>
    public IReadOnlyList<string> ComputedValueTokens { get; }

    public static SnapshotNormaliser For(ConformanceCase conformanceCase) => new(conformanceCase.SnapshotTransforms);

    public JsonObject NormaliseHistory(JsonObject historyDocument)
    {
        var document = (JsonObject)historyDocument.DeepClone();
        JsonTextParsing.ParseObjectText(document);                      // rule 1
        var mapRunArns = FindMapRunArns(document);

        var substitutions = new TextSubstitutions();
        ReplaceResponseMetadata(document);                              // rule 7
        RegisterQuotedInputs(document, substitutions);                  // rule 6
        ApplyCaseTransforms(document, substitutions);                   // rule 9 (and 8)
        AddMapRunArnParts(mapRunArns, substitutions);                   // rule 4
        substitutions.Add(ReplaceRequestIds);
        substitutions.Add(text => text.Replace(Region, "<region>", StringComparison.Ordinal));
        substitutions.Add(text => text.Replace("arn:aws:", "arn:<partition>:", StringComparison.Ordinal));
        RegisterUuidReferences(document, substitutions);                // rule 5
        substitutions.Add(Iso8601DateTime.ReplaceAll);                  // rule 3
        ReplaceTimestampValues(document);                               // rule 2

        return (JsonObject)substitutions.ApplyToTree(document)!;
    }

    /// <summary>
    /// Normalises an execution output the way the corpus built <c>expected.output</c>: as the output of an
    /// ExecutionSucceeded event, then parsed where it stayed JSON text.
    /// </summary>
    public JsonNode? NormaliseOutput(string? outputJson)
    {
        if (outputJson is null)
        {
            return null;
        }

        var details = NormaliseSingleEvent("executionSucceededEventDetails", new JsonObject { ["output"] = outputJson });
        var output = details["output"];
        return output is JsonValue value && value.TryGetValue<string>(out var text) && CanonicalJson.TryParse(text, out var parsed)
            ? parsed
            : output?.DeepClone();
    }

    /// <summary>Normalises the error and cause of an ExecutionFailed event.</summary>
    public (JsonNode? Error, JsonNode? Cause) NormaliseFailure(string? error, string? cause)
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

        var normalised = NormaliseSingleEvent("executionFailedEventDetails", details);
        return (normalised["error"]?.DeepClone(), normalised["cause"]?.DeepClone());
    }

    private JsonObject NormaliseSingleEvent(string detailsName, JsonObject details)
    {
        var document = new JsonObject { ["events"] = new JsonArray(new JsonObject { [detailsName] = details }) };
        return NormaliseHistory(document)["events"]![0]![detailsName]!.AsObject();
    }

    private void ApplyCaseTransforms(JsonObject document, TextSubstitutions substitutions)
    {
        foreach (var transform in _transforms)
        {
            switch (transform.Kind)
            {
                case "RegexTransformer" or "transform.regex" when IsComputedValueReplacement(transform):
                    break; // see ComputedValueTokens
                case "RegexTransformer" or "transform.regex":
                    var pattern = new Regex(transform.PositionalOrKeyword(0, "regex")!, RegexOptions.CultureInvariant);
                    var replacement = transform.PositionalOrKeyword(1, "replacement")!;
                    substitutions.Add(text => pattern.Replace(text, _ => replacement));
                    break;
                case "JsonpathTransformer":
                    ApplyJsonPathTransform(document, transform, substitutions);
                    break;
                case "SfnNoneRecursiveParallelTransformer":
                    ParallelEventSorting.Apply(document["events"]!.AsArray());
                    break;
                case "GenericTransformer" when transform.PositionalOrKeyword(0, "fn") == "_convert_output_to_json":
                    JsonTextParsing.ParseEventOutputs(document["events"]!.AsArray());
                    break;
                default:
                    throw new NotSupportedException($"Snapshot transform '{transform.Kind}' is not supported.");
            }
        }
    }

    private static void ApplyJsonPathTransform(JsonObject document, SnapshotTransform transform, TextSubstitutions substitutions)
    {
        var path = DeepScanPath.Parse(transform.PositionalOrKeyword(0, "jsonpath")!);
        var replacement = transform.PositionalOrKeyword(1, "replacement")!;
        var replaceReference = transform.KeywordArguments["replace_reference"]?.GetValue<bool>() ?? true;
        foreach (var (owner, name) in path.Locate(document))
        {
            if (!replaceReference)
            {
                owner[name] = replacement;
            }
            else if (owner[name] is JsonValue value && value.TryGetValue<string>(out var text))
            {
                substitutions.AddReference(text, replacement);
            }
        }
    }

    // Rule 7: response metadata of Lambda/SDK results; values already normalised (mocked results) stay.
    private static readonly (string Path, string Replacement)[] ResponseMetadataPaths =
    [
        ("$..SdkHttpMetadata.AllHttpHeaders.Date", "date"),
        ("$..SdkHttpMetadata.HttpHeaders.Date", "date"),
        ("$..SdkHttpMetadata.AllHttpHeaders.X-Amzn-Trace-Id", "X-Amzn-Trace-Id"),
        ("$..SdkHttpMetadata.HttpHeaders.X-Amzn-Trace-Id", "X-Amzn-Trace-Id"),
        ("$..SdkHttpMetadata.AllHttpHeaders.x-amzn-RequestId", "x-amzn-RequestId"),
        ("$..SdkHttpMetadata.HttpHeaders.x-amzn-RequestId", "x-amzn-RequestId"),
        ("$..SdkHttpMetadata.AllHttpHeaders.x-amz-crc32", "x-amz-crc32"),
        ("$..SdkHttpMetadata.HttpHeaders.x-amz-crc32", "x-amz-crc32"),
        ("$..SdkResponseMetadata.RequestId", "RequestId"),
    ];

    private static void ReplaceResponseMetadata(JsonObject document)
    {
        foreach (var (path, replacement) in ResponseMetadataPaths)
        {
            foreach (var (owner, name) in DeepScanPath.Parse(path).Locate(document))
            {
                if (!IsAlreadyNormalised(owner[name], replacement))
                {
                    owner[name] = replacement;
                }
            }
        }
    }

    private static bool IsAlreadyNormalised(JsonNode? value, string replacement) => value switch
    {
        JsonValue text when text.TryGetValue<string>(out var s) => s == replacement || s.StartsWith('<'),
        JsonArray items => items.Count > 0 && items.All(item => IsAlreadyNormalised(item, replacement)),
        _ => false,
    };

    // Rule 2: any key containing "timestamp" whose value does not start with an ISO-8601 date-time.
    private static void ReplaceTimestampValues(JsonObject document) =>
        VisitKeyValues(document, (key, value) =>
        {
            var isTimestampKey = key.Contains("timestamp", StringComparison.OrdinalIgnoreCase)
                                 || TimestampKeysByName.Contains(key);
            if (!isTimestampKey)
            {
                return false;
            }

            var isDateTime = value is JsonValue text && text.TryGetValue<string>(out var s) && Iso8601DateTime.StartsWithDateTime(s);
            return !isDateTime;
        }, replaceWith: "timestamp");

    /// <summary>
    /// Walks objects, and objects directly inside arrays, as the recording's key/value rules did: a matched
    /// key is not descended into; with <paramref name="replaceWith"/>, its value is replaced.
    /// </summary>
    private static void VisitKeyValues(JsonObject obj, Func<string, JsonNode?, bool> matches, string? replaceWith = null)
    {
        foreach (var key in obj.Select(property => property.Key).ToArray())
        {
            var value = obj[key];
            if (matches(key, value))
            {
                if (replaceWith is not null)
                {
                    obj[key] = replaceWith;
                }
            }
            else if (value is JsonObject child)
            {
                VisitKeyValues(child, matches, replaceWith);
            }
            else if (value is JsonArray array)
            {
                foreach (var item in array.OfType<JsonObject>())
                {
                    VisitKeyValues(item, matches, replaceWith);
                }
            }
        }
    }

    // Rule 6: a cause quoting the input as '{...}' registers that JSON text as <json-input:N>.
    private static void RegisterQuotedInputs(JsonObject document, TextSubstitutions substitutions) =>
        VisitKeyValues(document, (key, value) =>
        {
            if (key == "cause" && value is JsonValue cause && cause.TryGetValue<string>(out var text)
                && QuotedJsonInput(text) is { } quotedJson)
            {
                substitutions.AddReference(quotedJson, "json-input");
                return true;
            }

            return false;
        });

    // Rule 5: a string starting with a UUID under a key ending in "id" registers as <uuid:N>.
    private static void RegisterUuidReferences(JsonObject document, TextSubstitutions substitutions) =>
        VisitKeyValues(document, (key, value) =>
        {
            if (key.ToLowerInvariant().EndsWith("id", StringComparison.Ordinal)
                && value is JsonValue id && id.TryGetValue<string>(out var text) && UuidAtStart().IsMatch(text))
            {
                substitutions.AddReference(text, "uuid");
                return true;
            }

            return false;
        });

    // The map run ARNs of the history (MapRunStarted), found before any transform replaced them.
    private static List<string> FindMapRunArns(JsonObject document)
    {
        var arns = new List<string>();
        VisitKeyValues(document, (key, value) =>
        {
            if (key == "mapRunArn" && value is JsonValue arn && arn.TryGetValue<string>(out var text) && !arns.Contains(text))
            {
                arns.Add(text);
                return true;
            }

            return false;
        });
        return arns;
    }

    // Rule 4, map runs: ...:mapRun:<state machine>/<label or UUID>:<UUID>. The part before the colon is
    // replaced only where it is a UUID (a Map state without Label); a label stays.
    private static void AddMapRunArnParts(List<string> mapRunArns, TextSubstitutions substitutions)
    {
        for (var index = 0; index < mapRunArns.Count; index++)
        {
            var parts = mapRunArns[index][(mapRunArns[index].LastIndexOf('/') + 1)..].Split(':');
            if (parts.Length != 2)
            {
                continue;
            }

            var runId = parts[1];
            var runIdPlaceholder = $"<MapRunArnPart1_{index}idx>";
            substitutions.Add(text => text.Replace(runId, runIdPlaceholder, StringComparison.Ordinal));
            if (UuidAtStart().IsMatch(parts[0]))
            {
                var prefix = parts[0];
                var prefixPlaceholder = $"<MapRunArnPart0_{index}idx>";
                substitutions.Add(text => text.Replace(prefix, prefixPlaceholder, StringComparison.Ordinal));
            }
        }
    }

    // Rule 6: "...could not be found in the input '{...}'": the quoted JSON, when it parses.
    private static string? QuotedJsonInput(string cause)
    {
        var match = QuotedJson().Match(cause);
        return match.Success && CanonicalJson.TryParse(match.Groups[1].Value, out _) ? match.Groups[1].Value : null;
    }

    private static string ReplaceRequestIds(string text) =>
        RequestId().Replace(ExtendedRequestId().Replace(text, "Extended Request ID: <extended_request_id>"),
            "Request ID: <request_id>");

    private static bool IsComputedValueReplacement(SnapshotTransform transform) =>
        transform.Kind is "RegexTransformer" or "transform.regex"
        && transform.PositionalOrKeyword(0, "regex")?.StartsWith(ComputedValueMarker, StringComparison.Ordinal) == true;

    [GeneratedRegex(@"^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}", RegexOptions.CultureInvariant)]
    private static partial Regex UuidAtStart();

    [GeneratedRegex(@"^.*'(\{.*\})'", RegexOptions.CultureInvariant)]
    private static partial Regex QuotedJson();

    [GeneratedRegex(@"Extended Request ID: [A-Za-z0-9+/=_-]+", RegexOptions.CultureInvariant)]
    private static partial Regex ExtendedRequestId();

    [GeneratedRegex(@"(?<!Extended )Request ID: [A-Za-z0-9_-]+", RegexOptions.CultureInvariant)]
    private static partial Regex RequestId();
}
