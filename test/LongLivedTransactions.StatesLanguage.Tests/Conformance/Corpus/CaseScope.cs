namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Corpus;

/// <summary>
/// Which recorded cases the engine is expected to run today. Every case in the corpus uses no AWS service
/// except Lambda, and Lambda-backed cases (T3) carry recorded per-attempt results that replace the function.
/// Distributed Map cases have no ItemReader/ResultWriter, so they run inline; express-sync cases run as
/// ordinary executions and are compared on their sync response. Only JSONata is missing.
/// </summary>
internal static class CaseScope
{
    public const string JsonataNotImplemented = "JSONata is not implemented yet";

    /// <summary>Null when the case is in scope, otherwise why it is skipped.</summary>
    public static string? SkipReason(ConformanceCase conformanceCase) =>
        conformanceCase.HasTag("jsonata") ? JsonataNotImplemented : null;

    public static bool IsInScope(ConformanceCase conformanceCase) => SkipReason(conformanceCase) is null;
}
