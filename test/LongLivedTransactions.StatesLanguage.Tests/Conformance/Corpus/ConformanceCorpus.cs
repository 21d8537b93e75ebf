using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Corpus;

/// <summary>Reads <c>cases.jsonl</c>: one recorded execution per line.</summary>
internal static class ConformanceCorpus
{
    // Parsed once per test run: the file is 2 MB and a thousand theory rows look cases up by id.
    private static readonly Lazy<CaseIndex> SharedIndex = new(() => new CaseIndex(Load(RepositoryPaths.CorpusFile)));

    public static IReadOnlyList<ConformanceCase> All => SharedIndex.Value.Cases;

    public static ConformanceCase Get(string caseId) => SharedIndex.Value.Get(caseId);

    public static IReadOnlyList<ConformanceCase> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                "The ASL conformance corpus was not found; it is expected beside the repository.", path);
        }

        var cases = new List<ConformanceCase>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                cases.Add(ParseCase(JsonNode.Parse(line)!.AsObject()));
            }
            catch (Exception exception) when (exception is InvalidOperationException or FormatException
                                              or System.Text.Json.JsonException or KeyNotFoundException)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: {exception.Message}", exception);
            }
        }

        return cases;
    }

    internal static ConformanceCase ParseCase(JsonObject line)
    {
        var expected = Required<JsonObject>(line, "expected");
        var placeholders = line["placeholders"] as JsonObject;
        return new ConformanceCase(
            Id: Text(line, "id"),
            Tags: Required<JsonArray>(line, "tags").Select(tag => tag!.GetValue<string>()).ToArray(),
            QueryLanguage: Text(line, "queryLanguage"),
            Definition: Required<JsonObject>(line, "definition"),
            Input: Text(line, "input"),
            Expected: new ExpectedResult(
                Status: Text(expected, "status"),
                Output: expected["output"],
                Error: expected["error"]?.GetValue<string>(),
                Cause: expected["cause"]),
            History: line["history"] as JsonArray,
            Placeholders: new CasePlaceholders(
                StateMachineName: placeholders?["stateMachineName"]?.GetValue<string>(),
                ExecutionName: placeholders?["executionName"]?.GetValue<string>(),
                RoleArn: placeholders?["roleArn"]?.GetValue<string>(),
                ExecutionArnSuffix: placeholders?["executionArnSuffix"]?.GetValue<string>()),
            SnapshotTransforms: ParseTransforms(line["snapshotTransforms"] as JsonArray),
            Mocks: ParseMocks(line["mocks"] as JsonObject));
    }

    private static SnapshotTransform[] ParseTransforms(JsonArray? transforms) =>
        transforms is null
            ? []
            : transforms.Select(node =>
            {
                var transform = node!.AsObject();
                return new SnapshotTransform(
                    Text(transform, "kind"),
                    (transform["args"] as JsonArray)?.ToArray() ?? [],
                    transform["kwargs"] as JsonObject ?? []);
            }).ToArray();

    private static Dictionary<string, IReadOnlyList<RecordedAttempt>> ParseMocks(JsonObject? mocks)
    {
        var result = new Dictionary<string, IReadOnlyList<RecordedAttempt>>(StringComparer.Ordinal);
        if (mocks is null)
        {
            return result;
        }

        foreach (var (stateName, attempts) in mocks)
        {
            result[stateName] = attempts!.AsArray().Select(node => ParseAttempt(node!.AsObject())).ToArray();
        }

        return result;
    }

    private static RecordedAttempt ParseAttempt(JsonObject attempt)
    {
        var recordedEvent = attempt["recordedEvent"]?.GetValue<string>();
        if (attempt.TryGetPropertyValue("Return", out var result))
        {
            return new RecordedAttempt(true, result, null, null, recordedEvent);
        }

        var thrown = Required<JsonObject>(attempt, "Throw");
        return new RecordedAttempt(
            false, null, Text(thrown, "Error"), thrown["Cause"]?.GetValue<string>(), recordedEvent);
    }

    private static string Text(JsonObject owner, string name) =>
        owner[name]?.GetValue<string>() ?? throw new KeyNotFoundException($"'{name}' is missing.");

    private static T Required<T>(JsonObject owner, string name) where T : JsonNode =>
        owner[name] as T ?? throw new KeyNotFoundException($"'{name}' is missing or not a JSON {typeof(T).Name}.");

    private sealed class CaseIndex(IReadOnlyList<ConformanceCase> cases)
    {
        private readonly Dictionary<string, ConformanceCase> _byId = cases.ToDictionary(c => c.Id, StringComparer.Ordinal);

        public IReadOnlyList<ConformanceCase> Cases { get; } = cases;

        public ConformanceCase Get(string caseId) =>
            _byId.TryGetValue(caseId, out var found)
                ? found
                : throw new KeyNotFoundException($"No conformance case '{caseId}'.");
    }
}
