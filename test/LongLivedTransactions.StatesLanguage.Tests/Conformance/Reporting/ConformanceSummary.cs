using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Tests.Conformance.Corpus;
using LongLivedTransactions.StatesLanguage.Tests.Conformance.Running;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Reporting;

/// <summary>Pass counts per tag, as a markdown table, and the per-case results as JSON lines.</summary>
internal static class ConformanceSummary
{
    public const string GoalSetRow = "goal set (JSONPath, no AWS service)";

    public static string ToMarkdown(
        IReadOnlyList<ConformanceCase> cases, IReadOnlyDictionary<string, CaseOutcome> outcomes, TimeSpan wallTime)
    {
        var rows = new List<(string Name, IReadOnlyList<ConformanceCase> Cases)>
        {
            ("all cases", cases),
            (GoalSetRow, cases.Where(c => !c.HasTag("jsonata")).ToArray()),
        };
        var leadingTags = new[] { "T1", "T2", "T3", "jsonata" };
        var otherTags = cases.SelectMany(c => c.Tags).Distinct(StringComparer.Ordinal)
            .Where(tag => !leadingTags.Contains(tag)).Order(StringComparer.Ordinal);
        foreach (var tag in leadingTags.Concat(otherTags))
        {
            rows.Add(($"`{tag}`", cases.Where(c => c.HasTag(tag)).ToArray()));
        }

        var text = new StringBuilder();
        text.AppendLine("# ASL conformance against recorded AWS Step Functions executions");
        text.AppendLine();
        text.AppendLine("Passed = status, output, error and cause match the recording after normalisation. "
                        + "Skipped = out of scope (" + CaseScope.OutOfScope + "). "
                        + "History = recorded event histories compared / matched (a separate figure).");
        text.AppendLine();
        text.AppendLine("| tag | total | passed | failed | skipped | history compared | history matched |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, rowCases) in rows)
        {
            var run = rowCases.Where(c => outcomes.ContainsKey(c.Id)).Select(c => outcomes[c.Id]).ToArray();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {rowCases.Count} | {run.Count(o => o.Passed)} | {run.Count(o => !o.Passed)} | "
                + $"{rowCases.Count - run.Length} | {run.Count(o => o.HistoryCompared)} | {run.Count(o => o.HistoryMatched)} |");
        }

        text.AppendLine();
        var slowest = outcomes.Values.OrderByDescending(o => o.Elapsed).Take(3)
            .Select(o => $"{o.Elapsed.TotalMilliseconds:0} ms {o.Case.Id}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Ran {outcomes.Count} cases in {wallTime.TotalSeconds:0.0} s on {Environment.ProcessorCount} cores; slowest: {string.Join("; ", slowest)}.");
        return text.ToString();
    }

    public static string ToJsonLines(IEnumerable<CaseOutcome> outcomes)
    {
        var text = new StringBuilder();
        foreach (var outcome in outcomes)
        {
            var line = new JsonObject
            {
                ["id"] = outcome.Case.Id,
                ["tags"] = new JsonArray(outcome.Case.Tags.Select(tag => (JsonNode)JsonValue.Create(tag)).ToArray()),
                ["passed"] = outcome.Passed,
                ["engineFailure"] = outcome.EngineFailure,
                ["mismatches"] = new JsonArray(outcome.Mismatches
                    .Select(m => (JsonNode)new JsonObject { ["field"] = m.Field, ["detail"] = m.Detail }).ToArray()),
                ["historyCompared"] = outcome.HistoryCompared,
                ["historyMatched"] = outcome.HistoryMatched,
                ["historyDifference"] = outcome.HistoryDifference,
                ["elapsedMilliseconds"] = Math.Round(outcome.Elapsed.TotalMilliseconds, 1),
            };
            text.Append(line.ToJsonString()).Append('\n');
        }

        return text.ToString();
    }
}
