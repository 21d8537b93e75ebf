using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using LongLivedTransactions.Local.Console;

namespace LongLivedTransactions.Local.Checking;

/// <summary>The grade of a hand-built saga definition: what `check` prints, and its --json form.</summary>
/// <param name="File">The definition file.</param>
/// <param name="QueryLanguage">JSONPath or JSONata.</param>
/// <param name="Warnings">Function references that name none of the saga's functions.</param>
/// <param name="DefinitionErrors">Errors that keep the definition from running (then no scenario runs).</param>
/// <param name="Scenarios">Each scenario's grade.</param>
/// <param name="Advice">What the scenarios cannot show.</param>
internal sealed record CheckReport(
    string File,
    string QueryLanguage,
    IReadOnlyList<string> Warnings,
    IReadOnlyList<DefinitionError> DefinitionErrors,
    IReadOnlyList<ScenarioGrade> Scenarios,
    IReadOnlyList<Advice> Advice)
{
    /// <summary>How many scenarios there are to pass.</summary>
    public int Total { get; init; }

    public int Right => Scenarios.Count(s => s.Right);

    /// <summary>The definition runs and every scenario is right: the exit code is 0.</summary>
    public bool AllRight => DefinitionErrors.Count == 0 && Right == Total;
}

/// <summary>One scenario: the expected and the actual path, status and error, the verdict and why, and the data findings.</summary>
internal sealed record ScenarioGrade(
    string Scenario,
    string File,
    IReadOnlyList<string> ExpectedPath,
    IReadOnlyList<string> ActualPath,
    string ExpectedStatus,
    string Status,
    string? ExpectedError,
    string? Error,
    Explanation? Explanation,
    IReadOnlyList<string> DataFindings)
{
    /// <summary>The execution that ran the scenario (on the console, a link to its graph).</summary>
    public string? ExecutionArn { get; init; }

    /// <summary>The path and the status are the expected ones, and the records keep the saga's invariants.</summary>
    public bool Right => Explanation is null && DataFindings.Count == 0;

    public string Verdict => Right ? "right" : "wrong";
}

[JsonSerializable(typeof(CheckReport))]
[JsonSerializable(typeof(ConsoleCheckResult))]
internal sealed partial class CheckReportJsonContext : JsonSerializerContext
{
    /// <summary>camelCase and indented, with arrows and quotes written as they are: the report is read by people and scripts.</summary>
    public static CheckReportJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    });
}
