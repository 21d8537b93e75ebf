namespace LongLivedTransactions.Local.Checking;

/// <summary>Writes a <see cref="CheckReport"/> as text: one block per scenario, then the definition's errors and the advice.</summary>
internal static class CheckReportWriter
{
    private const string Arrow = " → ";

    public static async Task WriteAsync(TextWriter output, CheckReport report)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<string> { $"Checking {report.File} ({report.QueryLanguage})", string.Empty };
        lines.AddRange(report.Warnings.Select(warning => $"warning: {warning}"));
        if (report.Warnings.Count > 0)
        {
            lines.Add(string.Empty);
        }

        foreach (ScenarioGrade scenario in report.Scenarios)
        {
            lines.Add($"Scenario {scenario.Scenario}  {scenario.File}  {(scenario.Right ? "right" : "WRONG")}");
            lines.Add($"  expected  {string.Join(Arrow, scenario.ExpectedPath)}");
            lines.Add($"  actual    {string.Join(Arrow, Shortened(scenario.ActualPath))}");
            lines.Add($"  status    {Outcome(scenario.Status, scenario.Error)}{(scenario.Status == scenario.ExpectedStatus && scenario.Error == scenario.ExpectedError ? string.Empty : $" (expected {Outcome(scenario.ExpectedStatus, scenario.ExpectedError)})")}");
            if (scenario.Explanation is { } why)
            {
                lines.Add($"  why       {why.Text}");
                if (why.Location is not null)
                {
                    lines.Add($"            at {why.Location}");
                }
            }

            lines.AddRange(scenario.DataFindings.Select(finding => $"  data      {finding}"));
            lines.Add(string.Empty);
        }

        if (report.DefinitionErrors.Count > 0)
        {
            string count = $"{report.DefinitionErrors.Count} error{(report.DefinitionErrors.Count == 1 ? string.Empty : "s")}";
            lines.Add(report.Scenarios.Count == 0
                ? $"The definition cannot run ({count}):"
                : $"AWS refuses the definition ({count}); the scenarios ran without its unreachable states:");
            lines.AddRange(report.DefinitionErrors.Select(error => $"  {error.Location ?? "(no location)"}  {error.Code}: {error.Message}"));
            lines.Add(string.Empty);
        }

        if (report.Advice.Count > 0)
        {
            lines.Add("Advice:");
            lines.AddRange(report.Advice.Select(advice => $"  {advice.Location}  {advice.Message}"));
            lines.Add(string.Empty);
        }

        lines.Add(report.Scenarios.Count == 0
            ? $"No scenario ran: fix the definition's errors first (0 of {report.Total} right)."
            : $"{report.Right} of {report.Total} scenarios right{(report.DefinitionErrors.Count > 0 ? ", and the definition has errors" : string.Empty)}.");
        await output.WriteLineAsync(string.Join(Environment.NewLine, lines)).ConfigureAwait(false);
    }

    /// <summary>A path as a person can read it: a state repeated in a row once with its count, and a long loop cut short.</summary>
    private static List<string> Shortened(IReadOnlyList<string> path)
    {
        const int Shown = 24;
        var runs = new List<string>();
        for (int i = 0; i < path.Count;)
        {
            int end = i;
            while (end + 1 < path.Count && path[end + 1] == path[i])
            {
                end++;
            }

            runs.Add(end == i ? path[i] : $"{path[i]} ×{end - i + 1}");
            i = end + 1;
        }

        return runs.Count <= Shown ? runs : [.. runs.Take(Shown - 2), $"… {runs.Count - Shown + 1} more …", runs[^1]];
    }

    private static string Outcome(string status, string? error) => error is null ? status : $"{status} {error}";
}
