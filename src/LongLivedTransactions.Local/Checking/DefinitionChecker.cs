using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Workflow;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Execution;
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

    /// <summary>Grades a definition file on a local cloud of its own, started for the check and stopped after it.</summary>
    /// <exception cref="CheckInputException">The file cannot be read, or uses a placeholder that has no value.</exception>
    public async Task<CheckReport> CheckFileAsync(string file, IReadOnlyDictionary<string, string> givenValues, CancellationToken cancellationToken)
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

        CheckPlan plan;
        try
        {
            plan = Plan(file, text, new LocalArns(), givenValues);
        }
        catch (CheckInputException error)
        {
            throw new CheckInputException($"{file}: {error.Message}", error);
        }

        if (plan.Runnable is not { } runnable)
        {
            return plan.Report([]);
        }

        await progress.WriteLineAsync("check: starting the local cloud (dynalite, the tables, the functions)").ConfigureAwait(false);
        await using LocalCloud cloud = await LocalCloud.StartAsync(new LocalCloudOptions { RepositoryRoot = repositoryRoot }, cancellationToken).ConfigureAwait(false);
        return await RunAsync(plan, cloud, (name, input) => cloud.StartSaga(name, input, runnable.Definition), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a definition (JSON or YAML text) without running it: resolves its placeholders to the functions and topic
    /// of <paramref name="arns"/>, and finds its errors and the advice it deserves.
    /// </summary>
    /// <param name="source">What the report calls the definition: its file, or where it was pasted.</param>
    /// <exception cref="CheckInputException">The definition uses a placeholder that has no value.</exception>
    public CheckPlan Plan(string source, string text, LocalArns arns, IReadOnlyDictionary<string, string> givenValues)
    {
        ArgumentNullException.ThrowIfNull(text);
        SagaReference reference = SagaReference.Load(repositoryRoot, arns);
        if (DefinitionJson.Read(text, out IReadOnlyList<ValidationDiagnostic> problems) is not JsonObject machine)
        {
            DefinitionError[] unreadable = problems.Count > 0
                ? problems.Select(p => new DefinitionError(Locations.FromPointer(p.Location), p.Code, p.Message)).ToArray()
                : [new DefinitionError("(the definition)", DiagnosticCodes.SchemaValidationFailed, "The definition must be a JSON object.")];
            return new CheckPlan(source, "JSONPath", reference, [], unreadable, [], Runnable: null);
        }

        IReadOnlyList<string> warnings = new PlaceholderResolver(arns, givenValues).Resolve(machine);
        string queryLanguage = DefinitionState.Text(machine["QueryLanguage"]) ?? "JSONPath";
        var roles = StateRoles.Assign(machine, reference);
        IReadOnlyList<Advice> advice = new StaticAdvisor(reference, roles).Advise(machine);
        string json = machine.ToJsonString();
        IReadOnlyList<DefinitionError> errors = DefinitionErrors.Read(json, machine);
        if (RunnableJson(json, machine, errors) is not { } runnableJson)
        {
            return new CheckPlan(source, queryLanguage, reference, warnings, errors, advice, Runnable: null);
        }

        StateMachineDefinition definition = StateMachineParser.Parse(runnableJson);
        var grader = new PathGrader(
            reference,
            roles,
            DefinitionState.TopLevel(machine).ToDictionary(s => s.Name, StringComparer.Ordinal),
            definition.TimeoutSeconds);
        return new CheckPlan(source, queryLanguage, reference, warnings, errors, advice, new RunnableDefinition(definition, runnableJson, grader));
    }

    /// <summary>
    /// Runs every scenario of a runnable plan, one after another, on <paramref name="cloud"/> (whose tables hold the
    /// records each scenario leaves), starting each execution with <paramref name="start"/> (execution name, input).
    /// </summary>
    public async Task<CheckReport> RunAsync(CheckPlan plan, LocalCloud cloud, Func<string, string, Execution> start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        PathGrader grader = plan.Runnable?.Grader ?? throw new ArgumentException("The definition cannot run.", nameof(plan));
        IReadOnlyList<ScenarioExpectation> scenarios = plan.Reference.Scenarios;
        var started = Stopwatch.StartNew();
        var runner = new ScenarioRunner(cloud, start, repositoryRoot, ScenarioTimeLimit);
        var grades = new List<ScenarioGrade>();
        foreach (ScenarioExpectation scenario in scenarios)
        {
            await progress.WriteLineAsync($"check: [{grades.Count + 1}/{scenarios.Count}] {scenario.File}").ConfigureAwait(false);
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
                RecordInvariants.Check(scenario, records))
            {
                ExecutionArn = run.ExecutionArn,
            });
        }

        await progress.WriteLineAsync(
            $"check: {grades.Count} scenarios in {started.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s").ConfigureAwait(false);
        return plan.Report(grades);
    }

    /// <summary>
    /// The definition to run: as it is when it has no errors, and without its unreachable states when those are its only
    /// errors (AWS refuses it, but no execution could enter them, and the scenarios show what the missing transition
    /// costs). Null when it cannot run.
    /// </summary>
    /// <param name="json">The definition's text, already validated: the errors are its errors.</param>
    private static string? RunnableJson(string json, JsonObject machine, IReadOnlyList<DefinitionError> errors)
    {
        if (errors.Count == 0)
        {
            return json;
        }

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

        string reachableJson = reachable.ToJsonString();
        return StateMachineValidator.Validate(reachableJson).Any(d => d.IsError) ? null : reachableJson;
    }
}
