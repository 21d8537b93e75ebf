using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace LongLivedTransactions.Jsonata.Tests.Conformance;

/// <summary>
/// Reports the suite: pass counts per group, printed and written to TestResults/jsonata-suite-summary.md under the
/// test output folder, with the current failures beside it in known-failures.txt format.
/// </summary>
public sealed class SuiteSummaryTests(ITestOutputHelper output)
{
    [Fact]
    public void Pass_counts_per_group_are_reported()
    {
        var started = TimeProvider.System.GetTimestamp();
        var outcomes = new CaseOutcome[Suite.All.Count];
        Parallel.For(
            0,
            outcomes.Length,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            i => outcomes[i] = Suite.Outcome(Suite.All[i]));
        var known = SuiteGroupTests.Known.Value;

        var table = new StringBuilder();
        table.AppendLine("| group | cases | pass | known failures | other failures |");
        table.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var group in outcomes.GroupBy(o => o.Case.Group, StringComparer.Ordinal))
        {
            var failed = group.Where(o => !o.Passed).ToArray();
            var knownCount = failed.Count(o => known.Contains(o.Case.Name));
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {group.Key} | {group.Count()} | {group.Count(o => o.Passed)} | {knownCount} | {failed.Length - knownCount} |");
        }

        var passed = outcomes.Count(o => o.Passed);
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"JSONata 2.0.6 suite: {passed} of {outcomes.Length} cases pass, {outcomes.Length - passed} fail "
            + $"({known.CaseNames.Count} listed as known failures); {elapsed.TotalSeconds:0.0} s.\n\n{table}");
        output.WriteLine(summary);

        var folder = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "jsonata-suite-summary.md"), summary);
        File.WriteAllText(
            Path.Combine(folder, "known-failures.txt"),
            KnownFailures.Format(outcomes.Where(o => !o.Passed).Select(o =>
                (o.Case.Name, known.Contains(o.Case.Name) ? known.ReasonFor(o.Case.Name) : o.ShortReason()))));

        var names = Suite.All.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var strangers = known.CaseNames.Where(name => !names.Contains(name)).ToArray();
        Assert.True(strangers.Length == 0, $"known-failures.txt lists cases the suite does not have:\n{string.Join("\n", strangers)}");
    }
}
