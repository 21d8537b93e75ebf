using System.Collections.Concurrent;
using LongLivedTransactions.Jsonata.Tests.Support;

namespace LongLivedTransactions.Jsonata.Tests.Conformance;

/// <summary>
/// The official suite (<c>../shared/conformance/jsonata/cases.jsonl</c>), loaded once, and each case's outcome,
/// computed once: the per-group tests and the summary share the runs.
/// </summary>
internal static class Suite
{
    private static readonly Lazy<IReadOnlyList<SuiteCase>> Cases = new(Load);

    private static readonly ConcurrentDictionary<string, Lazy<CaseOutcome>> Outcomes = new(StringComparer.Ordinal);

    public static IReadOnlyList<SuiteCase> All => Cases.Value;

    /// <summary>The groups in corpus order.</summary>
    public static IReadOnlyList<string> Groups => All.Select(c => c.Group).Distinct(StringComparer.Ordinal).ToArray();

    public static IEnumerable<SuiteCase> InGroup(string group) => All.Where(c => c.Group == group);

    public static CaseOutcome Outcome(SuiteCase suiteCase) =>
        Outcomes.GetOrAdd(suiteCase.Name, _ => new Lazy<CaseOutcome>(() => SuiteCaseRunner.Run(suiteCase))).Value;

    private static List<SuiteCase> Load()
    {
        var path = RepositoryPaths.JsonataSuiteFile;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The JSONata suite is missing: expected it at {path}.", path);
        }

        return File.ReadLines(path).Where(line => line.Length > 0).Select(SuiteCase.Parse).ToList();
    }
}
