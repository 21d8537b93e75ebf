using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Corpus;

public sealed class ConformanceCorpusTests
{
    [Fact]
    public void Loads_every_recorded_case_with_the_tier_counts_of_the_corpus_readme()
    {
        var cases = ConformanceCorpus.All;

        Assert.Equal(1008, cases.Count);
        Assert.Equal(1008, cases.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(435, cases.Count(c => c.Tier == "T1"));
        Assert.Equal(491, cases.Count(c => c.Tier == "T2"));
        Assert.Equal(82, cases.Count(c => c.Tier == "T3"));
        Assert.Equal(145, cases.Count(c => c.HasTag("jsonata")));
    }

    [Fact]
    public void Histories_are_recorded_except_for_choice_operator_and_express_sync_cases()
    {
        foreach (var conformanceCase in ConformanceCorpus.All)
        {
            var expectHistory = conformanceCase.Tier != "T2" && !conformanceCase.HasTag("express-sync");
            Assert.True(expectHistory == conformanceCase.History is not null, conformanceCase.Id);
        }
    }

    [Fact]
    public void Lambda_backed_cases_carry_recorded_attempts_in_the_order_of_their_history()
    {
        var lambdaCases = ConformanceCorpus.All.Where(c => c.HasTag("mocked-lambda")).ToArray();

        Assert.Equal(82, lambdaCases.Length);
        foreach (var conformanceCase in lambdaCases)
        {
            var attempts = conformanceCase.Mocks.Values.Sum(list => list.Count);
            Assert.True(conformanceCase.HasTag("task-not-invoked") ? attempts == 0 : attempts > 0, conformanceCase.Id);
            foreach (var attempt in conformanceCase.Mocks.Values.SelectMany(list => list))
            {
                Assert.True(attempt.Returns || attempt.Error is not null, conformanceCase.Id);
            }
        }

        var timeout = ConformanceCorpus.Get("tests/aws/services/stepfunctions/v2/timeouts/test_timeouts.py::TestTimeouts::test_fixed_timeout_lambda#0");
        var only = Assert.Single(timeout.Mocks["Start"]);
        Assert.False(only.Returns);
        Assert.Equal("States.Timeout", only.Error);
        Assert.Null(only.Cause);
    }

    [Fact]
    public void Parses_one_line_with_placeholders_and_transforms()
    {
        var line = JsonNode.Parse("""
            {"id":"t.py::T::test#0","source":"s","tags":["T1","jsonpath"],"queryLanguage":"JSONPath",
             "definition":{"StartAt":"A","States":{"A":{"Type":"Succeed"}}},"input":"{}",
             "expected":{"status":"FAILED","output":null,"error":"E","cause":{"a":1}},"history":[],
             "placeholders":{"stateMachineName":"<ArnPart_0idx>","executionName":"<ExecArnPart_1idx>","roleArn":"snf_role_arn"},
             "snapshotTransforms":[{"kind":"JsonpathTransformer","args":[],"kwargs":{"jsonpath":"$..x","replacement":"y","replace_reference":false}}]}
            """)!.AsObject();

        var parsed = ConformanceCorpus.ParseCase(line);

        Assert.Equal("T1", parsed.Tier);
        Assert.Equal("FAILED", parsed.Expected.Status);
        Assert.Equal("E", parsed.Expected.Error);
        Assert.Equal("""{"a":1}""", parsed.Expected.Cause!.ToJsonString());
        Assert.Equal("<ExecArnPart_1idx>", parsed.Placeholders.ExecutionName);
        Assert.Equal("$..x", Assert.Single(parsed.SnapshotTransforms).PositionalOrKeyword(0, "jsonpath"));
        Assert.Empty(parsed.Mocks);
    }

    [Fact]
    public void Every_case_is_in_scope_JSONata_included()
    {
        var inScope = ConformanceCorpus.All.Where(CaseScope.IsInScope).ToArray();

        Assert.Equal(1008, inScope.Length);
        Assert.Equal(435, inScope.Count(c => c.Tier == "T1"));
        Assert.Equal(491, inScope.Count(c => c.Tier == "T2"));
        Assert.Equal(82, inScope.Count(c => c.Tier == "T3"));
    }
}
