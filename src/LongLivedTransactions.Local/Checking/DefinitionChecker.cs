using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Workflow;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Parsing;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.Local.Checking;

/// <summary>
/// Grades a hand-built saga definition: resolves its placeholders, reads its errors and the advice it deserves, runs it
/// through every scenario on the local cloud, and grades each path and the records it left.
/// </summary>
internal sealed class DefinitionChecker(string repositoryRoot, TextWriter progress)
{
    /// <summary>How long one scenario may run before it is stopped (a loop, a long Wait); real runs take well under a second.</summary>
    public static readonly TimeSpan ScenarioTimeLimit = TimeSpan.FromSeconds(60);

    /// <exception cref="CheckInputException">The file cannot be read, or uses a placeholder that has no value.</exception>
    public async Task<CheckReport> CheckAsync(string file, IReadOnlyDictionary<string, string> givenValues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        string text;
        try
        {
            text = await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CheckInputException($"{file}: cannot read the definition: {error.Message}", error);
        }

        var arns = new LocalArns();
        SagaReference reference = SagaReference.Load(repositoryRoot, arns);
        if (DefinitionJson.Read(text, out IReadOnlyList<ValidationDiagnostic> problems) is not JsonObject machine)
        {
            DefinitionError[] unreadable = problems.Count > 0
                ? problems.Select(p => new DefinitionError(Locations.FromPointer(p.Location), p.Code, p.Message)).ToArray()
                : [new DefinitionError("(the definition)", DiagnosticCodes.SchemaValidationFailed, "The definition must be a JSON object.")];
            return new CheckReport(file, "JSONPath", [], unreadable, [], []) { Total = reference.Scenarios.Count };
        }

        IReadOnlyList<string> warnings;
        try
        {
            warnings = new PlaceholderResolver(arns, givenValues).Resolve(machine);
        }
        catch (CheckInputException error)
        {
            throw new CheckInputException($"{file}: {error.Message}", error);
        }

        string json = machine.ToJsonString();
        string queryLanguage = DefinitionState.Text(machine["QueryLanguage"]) ?? "JSONPath";
        var roles = StateRoles.Assign(machine, reference);
        IReadOnlyList<Advice> advice = new StaticAdvisor(reference, roles).Advise(machine);
        IReadOnlyList<DefinitionError> errors = DefinitionErrors.Read(json, machine);
        if (Runnable(machine, errors) is not { } definition)
        {
            return new CheckReport(file, queryLanguage, warnings, errors, [], advice) { Total = reference.Scenarios.Count };
        }

        var grader = new PathGrader(
            reference,
            roles,
            DefinitionState.TopLevel(machine).ToDictionary(s => s.Name, StringComparer.Ordinal),
            definition.TimeoutSeconds);
        var started = Stopwatch.StartNew();
        await progress.WriteLineAsync("check: starting the local cloud (dynalite, the tables, the functions)").ConfigureAwait(false);
        await using LocalCloud cloud = await LocalCloud.StartAsync(new LocalCloudOptions { RepositoryRoot = repositoryRoot }, cancellationToken).ConfigureAwait(false);
        var runner = new ScenarioRunner(cloud, definition, repositoryRoot, ScenarioTimeLimit);
        var grades = new List<ScenarioGrade>();
        foreach (ScenarioExpectation scenario in reference.Scenarios)
        {
            await progress.WriteLineAsync($"check: [{grades.Count + 1}/{reference.Scenarios.Count}] {scenario.File}").ConfigureAwait(false);
            (ScenarioRun run, SagaRecords records) = await runner.RunAsync(scenario, cancellationToken).ConfigureAwait(false);
            PathGrade path = grader.Grade(scenario, run);
            grades.Add(new ScenarioGrade(
                scenario.Label,
                scenario.File,
                path.ExpectedPath,
                path.ActualPath,
                scenario.Status,
                run.Status,
                scenario.Error,
                run.Error,
                path.Explanation,
                RecordInvariants.Check(scenario, records)));
        }

        await progress.WriteLineAsync(
            $"check: {grades.Count} scenarios in {started.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s").ConfigureAwait(false);
        return new CheckReport(file, queryLanguage, warnings, errors, grades, advice) { Total = reference.Scenarios.Count };
    }

    /// <summary>
    /// The definition to run: as it is when it has no errors, and without its unreachable states when those are its only
    /// errors (AWS refuses it, but no execution could enter them, and the scenarios show what the missing transition
    /// costs). Null when it cannot run.
    /// </summary>
    private static StateMachineDefinition? Runnable(JsonObject machine, IReadOnlyList<DefinitionError> errors)
    {
        string[] unreachable = errors.Select(DefinitionErrors.UnreachableState).OfType<string>().ToArray();
        if (unreachable.Length != errors.Count)
        {
            return null;
        }

        var reachable = (JsonObject)machine.DeepClone();
        foreach (string state in unreachable)
        {
            (reachable["States"] as JsonObject)?.Remove(state);
        }

        string json = reachable.ToJsonString();
        return StateMachineValidator.Validate(json).Any(d => d.IsError) ? null : StateMachineParser.Parse(json);
    }
}
