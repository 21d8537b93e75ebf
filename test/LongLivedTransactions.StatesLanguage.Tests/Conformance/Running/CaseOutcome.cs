using System.Globalization;
using System.Text;
using LongLivedTransactions.StatesLanguage.Tests.Conformance.Corpus;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Running;

/// <summary>How our engine's run of one recorded case compares with AWS's.</summary>
/// <param name="Mismatches">Differences in status, output, error or cause (the pass criterion).</param>
/// <param name="EngineFailure">Why the case could not be compared at all (definition rejected, engine threw, hung).</param>
/// <param name="HistoryDifference">The first history difference; null when it matched or was not compared.</param>
internal sealed record CaseOutcome(
    ConformanceCase Case,
    IReadOnlyList<FieldMismatch> Mismatches,
    string? EngineFailure,
    bool HistoryCompared,
    string? HistoryDifference,
    TimeSpan Elapsed)
{
    public bool Passed => EngineFailure is null && Mismatches.Count == 0;

    public bool HistoryMatched => HistoryCompared && EngineFailure is null && HistoryDifference is null;

    /// <summary>One line for known-failures.txt.</summary>
    public string ShortReason()
    {
        var reason = EngineFailure ?? string.Join("; ", Mismatches.Select(mismatch => $"{mismatch.Field}: {mismatch.Detail}"));
        reason = reason.ReplaceLineEndings(" ");
        return reason.Length <= 160 ? reason : string.Concat(reason.AsSpan(0, 157), "...");
    }

    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Case {Case.Id} ({string.Join(", ", Case.Tags)})");
        if (EngineFailure is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  engine: {EngineFailure}");
        }

        foreach (var mismatch in Mismatches)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {mismatch.Field}: {mismatch.Detail}");
        }

        if (HistoryCompared)
        {
            text.AppendLine(HistoryDifference is null ? "  history: matches" : "  history: " + HistoryDifference);
        }

        return text.ToString();
    }
}

/// <param name="Field">status, output, error or cause.</param>
internal sealed record FieldMismatch(string Field, string Detail);
