using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Tests.Conformance.Corpus;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Running;

/// <summary>The runner must be able to fail: each test spoils one recorded fact and expects it noticed.</summary>
public sealed class CaseRunnerTests
{
    private static ConformanceCase PassCase() => new(
        Id: "runner-test#0",
        Tags: ["T1", "jsonpath", "state:Pass", "state:Wait"],
        QueryLanguage: "JSONPath",
        Definition: JsonNode.Parse("""
            {"StartAt":"Hold","States":{
              "Hold":{"Type":"Wait","Seconds":86400,"Next":"Shape"},
              "Shape":{"Type":"Pass","Parameters":{"greeting.$":"States.Format('hello {}', $.name)"},"End":true}}}
            """)!.AsObject(),
        Input: """{"name":"world"}""",
        Expected: new ExpectedResult("SUCCEEDED", JsonNode.Parse("""{"greeting":"hello world"}"""), null, null),
        History: null,
        Placeholders: new CasePlaceholders("<ArnPart_0idx>", "<ExecArnPart_0idx>", "snf_role_arn", null),
        SnapshotTransforms: [],
        Mocks: new Dictionary<string, IReadOnlyList<RecordedAttempt>>());

    [Fact]
    public async Task A_day_long_wait_runs_on_the_manual_clock_and_the_case_passes()
    {
        var outcome = await CaseRunner.RunAsync(PassCase(), CancellationToken.None);

        Assert.True(outcome.Passed, outcome.Describe());
        Assert.True(outcome.Elapsed < TimeSpan.FromSeconds(10), $"took {outcome.Elapsed}");
    }

    [Fact]
    public async Task A_different_output_is_reported()
    {
        var spoiled = PassCase() with
        {
            Expected = new ExpectedResult("SUCCEEDED", JsonNode.Parse("""{"greeting":"hello there"}"""), null, null),
        };

        var outcome = await CaseRunner.RunAsync(spoiled, CancellationToken.None);

        Assert.False(outcome.Passed);
        var mismatch = Assert.Single(outcome.Mismatches);
        Assert.Equal("output", mismatch.Field);
        Assert.Contains("hello world", mismatch.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_different_status_error_and_cause_are_reported()
    {
        var spoiled = PassCase() with { Expected = new ExpectedResult("FAILED", null, "States.Runtime", JsonValue.Create("boom")) };

        var outcome = await CaseRunner.RunAsync(spoiled, CancellationToken.None);

        Assert.Equal(["status", "output", "error", "cause"], outcome.Mismatches.Select(m => m.Field));
    }

    [Fact]
    public async Task A_different_recorded_history_is_reported_separately_from_the_result()
    {
        var recorded = ConformanceCorpus.All.First(c => c.History is not null && c.HasTag("state:Pass") && c.Mocks.Count == 0
                                                        && c.Tags.Count(t => t.StartsWith("state:", StringComparison.Ordinal)) == 1);
        var history = (JsonArray)recorded.History!.DeepClone();
        history[1]!["type"] = "SucceedStateEntered";

        var outcome = await CaseRunner.RunAsync(recorded with { History = history }, CancellationToken.None);

        Assert.True(outcome.Passed, outcome.Describe());
        Assert.False(outcome.HistoryMatched);
        Assert.Contains("event 2", outcome.HistoryDifference, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_definition_the_engine_rejects_is_an_engine_failure()
    {
        var broken = PassCase() with { Definition = JsonNode.Parse("""{"StartAt":"Missing","States":{}}""")!.AsObject() };

        var outcome = await CaseRunner.RunAsync(broken, CancellationToken.None);

        Assert.False(outcome.Passed);
        Assert.StartsWith("definition rejected", outcome.EngineFailure, StringComparison.Ordinal);
    }
}
