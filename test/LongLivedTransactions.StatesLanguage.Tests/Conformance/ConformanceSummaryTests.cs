using System.Collections.Concurrent;
using LongLivedTransactions.StatesLanguage.Tests.Conformance.Corpus;
using LongLivedTransactions.StatesLanguage.Tests.Conformance.Reporting;
using LongLivedTransactions.StatesLanguage.Tests.Conformance.Running;
using Xunit.Abstractions;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance;

/// <summary>
/// Runs every in-scope case once more to report pass counts per tag: printed, and written to
/// TestResults/conformance-summary.md under the test output folder (with the per-case results and the
/// current failure list beside it).
/// </summary>
public sealed class ConformanceSummaryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Pass_counts_per_tag_agree_with_the_known_failures_list()
    {
        var cases = ConformanceCorpus.All;
        var started = TimeProvider.System.GetTimestamp();
        var outcomes = new ConcurrentDictionary<string, CaseOutcome>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            cases.Where(CaseScope.IsInScope),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (conformanceCase, cancellationToken) =>
                outcomes[conformanceCase.Id] = await CaseRunner.RunAsync(conformanceCase, cancellationToken));

        var inCorpusOrder = cases.Where(c => outcomes.ContainsKey(c.Id)).Select(c => outcomes[c.Id]).ToArray();
        var markdown = ConformanceSummary.ToMarkdown(cases, outcomes, TimeProvider.System.GetElapsedTime(started));
        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "conformance-summary.md"), markdown);
        await File.WriteAllTextAsync(Path.Combine(folder, "conformance-results.jsonl"), ConformanceSummary.ToJsonLines(inCorpusOrder));
        await File.WriteAllTextAsync(Path.Combine(folder, "known-failures.txt"),
            KnownFailures.Format(inCorpusOrder.Where(o => !o.Passed).Select(o => (o.Case.Id, o.ShortReason()))));
        output.WriteLine(markdown);

        var known = KnownFailures.Load(RepositoryPaths.KnownFailuresFile);
        var nowPassing = inCorpusOrder.Where(o => o.Passed && known.Contains(o.Case.Id)).Select(o => o.Case.Id).ToArray();
        var newFailures = inCorpusOrder.Where(o => !o.Passed && !known.Contains(o.Case.Id)).Select(o => o.Case.Id).ToArray();
        Assert.True(nowPassing.Length == 0 && newFailures.Length == 0,
            $"known-failures.txt is out of date. Now passing ({nowPassing.Length}):\n{string.Join("\n", nowPassing)}\n"
            + $"Newly failing ({newFailures.Length}):\n{string.Join("\n", newFailures)}\n"
            + $"The current list is in {Path.Combine(folder, "known-failures.txt")}.");
    }
}
