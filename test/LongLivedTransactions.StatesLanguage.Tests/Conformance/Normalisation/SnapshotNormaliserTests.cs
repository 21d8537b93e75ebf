using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Tests.Conformance.Comparison;
using LongLivedTransactions.StatesLanguage.Tests.Conformance.Corpus;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Normalisation;

public sealed class SnapshotNormaliserTests
{
    private static readonly SnapshotNormaliser Plain = new([]);

    private static JsonObject Details(JsonObject document, int index = 0) =>
        document["events"]![index]!.AsObject().First(p => p.Key.EndsWith("Details", StringComparison.Ordinal)).Value!.AsObject();

    private static JsonObject History(params JsonObject[] events) =>
        new() { ["events"] = new JsonArray(events.Select(e => (JsonNode)e).ToArray()) };

    private static JsonObject Event(string type, JsonObject details, long id = 1, long previous = 0) => new()
    {
        ["timestamp"] = 1764201600.123,
        ["type"] = type,
        ["id"] = id,
        ["previousEventId"] = previous,
        [char.ToLowerInvariant(type[0]) + type[1..] + "EventDetails"] = details,
    };

    [Fact]
    public void Rule1_parses_object_text_one_level_and_leaves_other_json_text()
    {
        var document = History(Event("PassStateExited", new JsonObject
        {
            ["output"] = """{"inner":"{\"b\":1}","n":1}""",
            ["list"] = "[1,2]",
            ["quoted"] = "\"text\"",
            ["notJson"] = "{not json",
        }));

        var details = Details(Plain.NormaliseHistory(document));

        Assert.Equal("""{"b":1}""", details["output"]!["inner"]!.GetValue<string>());
        Assert.Equal(1, details["output"]!["n"]!.GetValue<int>());
        Assert.Equal("[1,2]", details["list"]!.GetValue<string>());
        Assert.Equal("\"text\"", details["quoted"]!.GetValue<string>());
        Assert.Equal("{not json", details["notJson"]!.GetValue<string>());
    }

    [Fact]
    public void Rule2_event_timestamps_and_non_date_timestamp_values_become_timestamp()
    {
        var document = History(Event("PassStateExited", new JsonObject
        {
            ["output"] = """{"TimestampValue":"2016-13-05T21:29:29Z","Valid_timestamp":"2016-03-14T01:59:00Z","epochTimestamp":1700000000}""",
        }));

        var normalised = Plain.NormaliseHistory(document);

        Assert.Equal("timestamp", normalised["events"]![0]!["timestamp"]!.GetValue<string>());
        var output = Details(normalised)["output"]!;
        Assert.Equal("timestamp", output["TimestampValue"]!.GetValue<string>());
        Assert.Equal("date", output["Valid_timestamp"]!.GetValue<string>());
        Assert.Equal("timestamp", output["epochTimestamp"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("at 2024-01-01T00:00:00.000Z", "at date")]
    [InlineData("2016-03-05T21:29:29.243167252Z", "date")]
    [InlineData("2024-02-29T10:00:00+01:00", "date")]
    [InlineData("2024-02-29T10:00:00+0100", "date")]
    [InlineData("2012-10-09T19:00:55", "2012-10-09T19:00:55")]
    [InlineData("2023-02-29T10:00:00Z", "2023-02-29T10:00:00Z")]
    [InlineData("2016-13-05T21:29:29Z", "2016-13-05T21:29:29Z")]
    [InlineData("2016-12-05T25:29:29Z", "2016-12-05T25:29:29Z")]
    [InlineData("2016-12-05 21:29:29Z", "2016-12-05 21:29:29Z")]
    public void Rule3_iso_date_times_become_date_anywhere_in_strings(string text, string expected)
    {
        var document = History(Event("PassStateEntered", new JsonObject { ["name"] = text }));

        var name = Details(Plain.NormaliseHistory(document))["name"]!.GetValue<string>();

        Assert.Equal(expected, name);
    }

    [Fact]
    public void Rule4_region_partition_and_request_ids_are_replaced()
    {
        var document = History(Event("ExecutionFailed", new JsonObject
        {
            ["error"] = "Lambda.ServiceException",
            ["cause"] = "arn:aws:states:us-east-1:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx> failed (Service: Lambda, Request ID: 5a1b-77c2)",
        }));

        var cause = Details(Plain.NormaliseHistory(document))["cause"]!.GetValue<string>();

        Assert.Equal(
            "arn:<partition>:states:<region>:111111111111:execution:<ArnPart_0idx>:<ExecArnPart_0idx> failed (Service: Lambda, Request ID: <request_id>)",
            cause);
    }

    [Theory]
    [InlineData("MapState", "MapState")]
    [InlineData("7f1e2d3c-aaaa-4bbb-8ccc-0123456789ab", "<MapRunArnPart0_0idx>")]
    public void Rule4_map_run_arns_get_placeholders_and_keep_a_label(string firstPart, string expectedFirstPart)
    {
        var arn = $"arn:aws:states:us-east-1:111111111111:mapRun:<ArnPart_0idx>/{firstPart}:0a1b2c3d-1111-4222-8333-944445555666";
        var document = History(
            Event("MapRunStarted", new JsonObject { ["mapRunArn"] = arn }),
            Event("MapStateExited", new JsonObject { ["name"] = "Map", ["output"] = $$"""{"run":"{{arn}}"}""" }, id: 2, previous: 1));

        var normalised = Plain.NormaliseHistory(document);

        var expected = $"arn:<partition>:states:<region>:111111111111:mapRun:<ArnPart_0idx>/{expectedFirstPart}:<MapRunArnPart1_0idx>";
        Assert.Equal(expected, Details(normalised, 0)["mapRunArn"]!.GetValue<string>());
        Assert.Equal(expected, Details(normalised, 1)["output"]!["run"]!.GetValue<string>());
    }

    [Fact]
    public void Rule5_uuids_under_id_keys_become_numbered_references_everywhere()
    {
        const string Uuid = "0b6f3d2e-5c1a-4f7e-9d8b-1a2b3c4d5e6f";
        var document = History(Event("TaskSucceeded", new JsonObject
        {
            ["output"] = $$"""{"requestId":"{{Uuid}}","echo":"request {{Uuid}} done","value":"ffffffff-5c1a-4f7e-9d8b-1a2b3c4d5e6f"}""",
        }));

        var output = Details(Plain.NormaliseHistory(document))["output"]!;

        Assert.Equal("<uuid:1>", output["requestId"]!.GetValue<string>());
        Assert.Equal("request <uuid:1> done", output["echo"]!.GetValue<string>());
        Assert.Equal("ffffffff-5c1a-4f7e-9d8b-1a2b3c4d5e6f", output["value"]!.GetValue<string>());
    }

    [Fact]
    public void Rule6_json_quoted_in_a_cause_becomes_a_reference_everywhere()
    {
        var input = """{"a":1}""";
        var document = History(
            Event("PassStateEntered", new JsonObject { ["name"] = "Pass", ["note"] = $"saw {input}" }),
            Event("ExecutionFailed", new JsonObject
            {
                ["error"] = "States.Runtime",
                ["cause"] = $"The JSONPath '$.x' could not be found in the input '{input}'",
            }, id: 2, previous: 1));

        var normalised = Plain.NormaliseHistory(document);

        Assert.Equal("The JSONPath '$.x' could not be found in the input '<json-input:1>'", Details(normalised, 1)["cause"]!.GetValue<string>());
        Assert.Equal("saw <json-input:1>", Details(normalised, 0)["note"]!.GetValue<string>());
    }

    [Fact]
    public void Rule7_response_metadata_is_replaced_unless_already_normalised()
    {
        var document = History(Event("TaskSucceeded", new JsonObject
        {
            ["output"] = """
                {"SdkHttpMetadata":{"HttpHeaders":{"Date":"Tue, 26 Nov 2026 18:00:00 GMT","x-amzn-RequestId":"<uuid:1>"}},
                 "SdkResponseMetadata":{"RequestId":"5a1b77c2"}}
                """.Trim(),
        }));

        var output = Details(Plain.NormaliseHistory(document))["output"]!;

        Assert.Equal("date", output["SdkHttpMetadata"]!["HttpHeaders"]!["Date"]!.GetValue<string>());
        Assert.Equal("<uuid:1>", output["SdkHttpMetadata"]!["HttpHeaders"]!["x-amzn-RequestId"]!.GetValue<string>());
        Assert.Equal("RequestId", output["SdkResponseMetadata"]!["RequestId"]!.GetValue<string>());
    }

    [Fact]
    public void Rule8_parallel_blocks_are_sorted_and_a_second_closing_event_drops_the_one_between()
    {
        var normaliser = new SnapshotNormaliser([new SnapshotTransform("SfnNoneRecursiveParallelTransformer", [], [])]);
        string[] types =
        [
            "ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted", "PassStateEntered", "PassStateExited",
            "ParallelStateSucceeded", "ParallelStateExited", "ExecutionSucceeded",
        ];
        var events = types.Select((type, index) => new JsonObject { ["type"] = type, ["id"] = index + 1, ["previousEventId"] = index }).ToArray();

        var normalised = normaliser.NormaliseHistory(History(events))["events"]!.AsArray();

        // The recorded shape: the block's ids are [0], and ParallelStateSucceeded is gone.
        Assert.Equal(
            ["ExecutionStarted", "ParallelStateEntered", "ParallelStateStarted", "PassStateEntered", "PassStateExited", "ParallelStateExited", "ExecutionSucceeded"],
            normalised.Select(e => e!["type"]!.GetValue<string>()));
        Assert.Equal("[0]", normalised[3]!["id"]!.ToJsonString());
        Assert.Equal(0, normalised[3]!["previousEventId"]!.GetValue<int>());
    }

    [Fact]
    public void Rule9_case_replacements_apply_jsonpath_regex_and_references()
    {
        var normaliser = new SnapshotNormaliser(
        [
            new SnapshotTransform("JsonpathTransformer", [], new JsonObject { ["jsonpath"] = "$..StartTime", ["replacement"] = "start-time", ["replace_reference"] = false }),
            new SnapshotTransform("JsonpathTransformer", ["$..LogResult", "LogResult"], new JsonObject { ["replace_reference"] = true }),
            new SnapshotTransform("transform.regex", ["2026-11-26T18:29:49Z", "<timestamp>"], []),
        ]);
        var document = History(Event("PassStateExited", new JsonObject
        {
            ["output"] = """{"StartTime":"2026-11-26T18:29:49Z","at":"2026-11-26T18:29:49Z","LogResult":"abc","copy":"abc!"}""",
        }));

        var output = Details(normaliser.NormaliseHistory(document))["output"]!;

        Assert.Equal("start-time", output["StartTime"]!.GetValue<string>());
        Assert.Equal("<timestamp>", output["at"]!.GetValue<string>());
        Assert.Equal("<LogResult:1>", output["LogResult"]!.GetValue<string>());
        Assert.Equal("<LogResult:1>!", output["copy"]!.GetValue<string>());
    }

    [Fact]
    public void Rule9_values_computed_at_test_time_are_tokens_that_match_any_text()
    {
        var normaliser = new SnapshotNormaliser(
            [new SnapshotTransform("RegexTransformer", ["<value computed at test time from the execution output>", "generated-uuid"], [])]);
        var matcher = new JsonMatcher(normaliser.ComputedValueTokens);

        var output = normaliser.NormaliseOutput("""{"FunctionResult":"9b0c1d3e-1111-4222-8333-944445555666"}""");

        Assert.True(matcher.Matches(JsonNode.Parse("""{"FunctionResult":"generated-uuid"}"""), output));
        Assert.False(matcher.Matches(JsonNode.Parse("""{"FunctionResult":"generated-uuid"}"""), JsonNode.Parse("""{"Other":"x"}""")));
    }

    [Fact]
    public void Outputs_are_compared_parsed_as_the_corpus_stores_them()
    {
        Assert.Equal("[1,2]", Plain.NormaliseOutput("[1, 2]")!.ToJsonString());
        Assert.Equal("\"date\"", Plain.NormaliseOutput("\"2024-01-01T00:00:00Z\"")!.ToJsonString());
        Assert.Null(Plain.NormaliseOutput("null"));
        Assert.Null(Plain.NormaliseOutput(null));
    }

    [Fact]
    public void Every_recorded_execution_input_is_reproduced_from_the_raw_input()
    {
        // The corpus builder checked that the recorded ExecutionStarted input equals the raw input under the
        // normalisation rules; normalising our own ExecutionStarted event must give the recorded one.
        var mismatches = new List<string>();
        var cases = ConformanceCorpus.All.Where(c => c.History is not null).ToArray();
        foreach (var conformanceCase in cases)
        {
            var names = Running.CaseNames.For(conformanceCase);
            var started = Event("ExecutionStarted", new JsonObject
            {
                ["input"] = conformanceCase.Input,
                ["inputDetails"] = new JsonObject { ["truncated"] = false },
                ["roleArn"] = names.RoleArn,
            });
            var normaliser = SnapshotNormaliser.For(conformanceCase);
            var normalised = normaliser.NormaliseHistory(History(started))["events"]![0];

            if (new JsonMatcher(normaliser.ComputedValueTokens).FindDifference(conformanceCase.History![0], normalised) is { } difference)
            {
                mismatches.Add($"{conformanceCase.Id}: {difference}");
            }
        }

        Assert.True(cases.Length > 500, $"only {cases.Length} cases with history");
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void Every_recorded_terminal_event_matches_the_expected_result()
    {
        // Ties the matcher to the data: expected.output/error/cause come from the recorded terminal event.
        var mismatches = new List<string>();
        foreach (var conformanceCase in ConformanceCorpus.All.Where(c => c.History is not null))
        {
            var last = conformanceCase.History![^1]!.AsObject();
            var matcher = new JsonMatcher(SnapshotNormaliser.For(conformanceCase).ComputedValueTokens);
            var difference = last["type"]!.GetValue<string>() switch
            {
                "ExecutionSucceeded" => matcher.FindDifference(
                    conformanceCase.Expected.Output, ParsedText(last["executionSucceededEventDetails"]!["output"])),
                "ExecutionFailed" => matcher.FindDifference(conformanceCase.Expected.Cause, last["executionFailedEventDetails"]!["cause"])
                                     ?? matcher.FindDifference(JsonValue.Create(conformanceCase.Expected.Error), last["executionFailedEventDetails"]!["error"]),
                var other => $"unexpected terminal event {other}",
            };
            if (difference is not null)
            {
                mismatches.Add($"{conformanceCase.Id}: {difference}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    private static JsonNode? ParsedText(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && CanonicalJson.TryParse(text, out var parsed)
            ? parsed
            : node;
}
