namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Corpus;

/// <summary>
/// Which recorded cases the engine is expected to run today. Every case in the corpus uses no AWS service
/// except Lambda, and Lambda-backed cases (T3) carry recorded per-attempt results that replace the function.
/// Distributed Map cases have no ItemReader/ResultWriter, so they run inline; express-sync cases run as
/// ordinary executions and are compared on their sync response. Every case is in scope, JSONata ones included.
/// </summary>
internal static class CaseScope
{
    public const string OutOfScope = "out of scope";

    /// <summary>Null when the case is in scope, otherwise why it is skipped.</summary>
    public static string? SkipReason(ConformanceCase conformanceCase) => conformanceCase is null ? OutOfScope : null;

    public static bool IsInScope(ConformanceCase conformanceCase) => SkipReason(conformanceCase) is null;
}
