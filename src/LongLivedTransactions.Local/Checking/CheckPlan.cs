using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.Local.Checking;

/// <summary>
/// What a check learns from the definition alone, before any scenario runs: its errors, the advice it deserves, and the
/// definition to run with the grader of its paths (null when it cannot run).
/// </summary>
internal sealed record CheckPlan(
    string Source,
    string QueryLanguage,
    SagaReference Reference,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<DefinitionError> DefinitionErrors,
    IReadOnlyList<Advice> Advice,
    RunnableDefinition? Runnable)
{
    /// <summary>The report with the given scenario grades (none when the definition cannot run).</summary>
    public CheckReport Report(IReadOnlyList<ScenarioGrade> scenarios) =>
        new(Source, QueryLanguage, Warnings, DefinitionErrors, scenarios, Advice) { Total = Reference.Scenarios.Count };
}

/// <summary>The graded definition as it runs (parsed, and as JSON text with its placeholders resolved), and the grader of its paths.</summary>
internal sealed record RunnableDefinition(StateMachineDefinition Definition, string Json, PathGrader Grader);
