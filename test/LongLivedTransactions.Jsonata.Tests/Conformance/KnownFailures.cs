namespace LongLivedTransactions.Jsonata.Tests.Conformance;

/// <summary>
/// The ratchet list (<c>Conformance/known-failures.txt</c>): suite cases accepted as failing, one per line as
/// "&lt;case name&gt; # &lt;reason&gt;" (case names contain no spaces); a line starting with '#' is a comment.
/// A listed case must keep failing, so a fix forces its line out and the list only shrinks.
/// </summary>
internal sealed class KnownFailures
{
    private static readonly string[] FileHeader =
    [
        "# Cases of the official JSONata 2.0.6 suite (../shared/conformance/jsonata/cases.jsonl) we accept as failing,",
        "# each with its reason. One per line: <case name> # <reason>. The suite tests fail when a case not listed here",
        "# fails and when a listed case passes (delete its line then). TestResults/known-failures.txt, written next",
        "# to the test assembly by the summary test, holds the failures of the last run in this format.",
    ];

    private readonly Dictionary<string, string> _reasons;

    private KnownFailures(Dictionary<string, string> reasons) => _reasons = reasons;

    public IReadOnlyCollection<string> CaseNames => _reasons.Keys;

    public static KnownFailures Load(string path) => Parse(File.Exists(path) ? File.ReadAllLines(path) : [], path);

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
            var name = separator < 0 ? line : line[..separator];
            var reason = separator < 0 ? "" : line[(separator + 1)..].Trim().TrimStart('#').Trim();
            if (!reasons.TryAdd(name, reason))
            {
                throw new InvalidDataException($"{source}:{lineNumber}: case '{name}' is listed twice.");
            }
        }

        return new KnownFailures(reasons);
    }

    public bool Contains(string caseName) => _reasons.ContainsKey(caseName);

    public string ReasonFor(string caseName) => _reasons.GetValueOrDefault(caseName, "");

    public static string Format(IEnumerable<(string Name, string Reason)> failures) =>
        string.Concat(FileHeader.Select(line => line + "\n"))
        + string.Concat(failures.Select(failure => $"{failure.Name} # {failure.Reason}\n"));
}
