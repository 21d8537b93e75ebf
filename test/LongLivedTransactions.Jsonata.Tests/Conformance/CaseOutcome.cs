namespace LongLivedTransactions.Jsonata.Tests.Conformance;

/// <summary>How our evaluation of one suite case compares with the expected answer.</summary>
/// <param name="Failure">Null when the case passed; otherwise what differed, on one line.</param>
internal sealed record CaseOutcome(SuiteCase Case, string? Failure, TimeSpan Elapsed)
{
    public bool Passed => Failure is null;

    /// <summary>The failure shortened for known-failures.txt.</summary>
    public string ShortReason()
    {
        var reason = (Failure ?? "").ReplaceLineEndings(" ");
        return reason.Length <= 160 ? reason : string.Concat(reason.AsSpan(0, 157), "...");
    }

    public string Describe() =>
        $"{Case.Name}: {Failure ?? "passed"}\n    expr: {Case.Expression.ReplaceLineEndings(" ")}";
}
