namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Reporting;

/// <summary>
/// The ratchet list (<c>Conformance/known-failures.txt</c>): cases our engine does not match yet, one per
/// line as "&lt;case id&gt; &lt;short reason&gt;" (case ids contain no spaces); '#' starts a comment line.
/// A listed case must keep failing, so a fix forces its line out of the file.
/// </summary>
internal sealed class KnownFailures
{
    private readonly Dictionary<string, string> _reasons;

    private KnownFailures(Dictionary<string, string> reasons) => _reasons = reasons;

    public IReadOnlyCollection<string> CaseIds => _reasons.Keys;

    public static KnownFailures Load(string path) =>
        Parse(File.Exists(path) ? File.ReadAllLines(path) : [], path);

    public static KnownFailures Parse(IEnumerable<string> lines, string source)
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 0;
        foreach (var rawLine in lines)
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var separator = line.IndexOf(' ', StringComparison.Ordinal);
            var caseId = separator < 0 ? line : line[..separator];
            var reason = separator < 0 ? "" : line[(separator + 1)..].Trim();
            if (!reasons.TryAdd(caseId, reason))
            {
                throw new InvalidDataException($"{source}:{lineNumber}: case '{caseId}' is listed twice.");
            }
        }

        return new KnownFailures(reasons);
    }

    public bool Contains(string caseId) => _reasons.ContainsKey(caseId);

    public string ReasonFor(string caseId) => _reasons.GetValueOrDefault(caseId, "");

    /// <summary>The file's text for the given failures (id and short reason), in corpus order.</summary>
    public static string Format(IEnumerable<(string CaseId, string Reason)> failures) =>
        string.Concat(FileHeader.Select(line => line + "\n"))
        + string.Concat(failures.Select(failure => $"{failure.CaseId} {failure.Reason}\n"));

    private static readonly string[] FileHeader =
    [
        "# ASL conformance cases our engine does not match yet (status, output, error or cause).",
        "# One per line: <case id> <short reason>. ConformanceCaseTests asserts that each listed case still",
        "# fails: when a change makes one pass, delete its line. TestResults/known-failures.txt, written by the",
        "# summary test next to the test assembly, holds the list as of the last run.",
    ];
}
