using System.Text.RegularExpressions;

namespace LongLivedTransactions.Jsonata.Tests.Differential;

/// <summary>
/// Differences from jsonata-js we accept (Differential/allowed-differences.txt): one per line as
/// "&lt;regular expression&gt; # &lt;reason&gt;", matched against the generated expression; '#' at the start of a
/// line is a comment. Every entry needs its reason.
/// </summary>
internal sealed class AllowedDifferences
{
    private readonly List<(Regex Pattern, string Reason)> _entries;

    private AllowedDifferences(List<(Regex Pattern, string Reason)> entries) => _entries = entries;

    public static AllowedDifferences Load(string path)
    {
        var entries = new List<(Regex, string)>();
        var lineNumber = 0;
        foreach (var rawLine in File.Exists(path) ? File.ReadAllLines(path) : [])
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var separator = line.LastIndexOf(" # ", StringComparison.Ordinal);
            if (separator < 0)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: an allowed difference needs a reason after ' # '.");
            }

            entries.Add((new Regex(line[..separator].Trim(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), line[(separator + 3)..].Trim()));
        }

        return new AllowedDifferences(entries);
    }

    /// <summary>The reason a difference in <paramref name="expression"/> is accepted, or null.</summary>
    public string? ReasonFor(string expression) =>
        _entries.FirstOrDefault(entry => entry.Pattern.IsMatch(expression)).Reason;
}
