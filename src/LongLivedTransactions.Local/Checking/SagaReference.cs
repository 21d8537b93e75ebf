using System.Text.Json.Nodes;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.StatesLanguage.Parsing;

namespace LongLivedTransactions.Local.Checking;

/// <summary>What a state of the saga is for.</summary>
internal enum StepKind
{
    /// <summary>A local transaction of the forward path (ProcessOrder, ProcessPayment, ReserveInventory).</summary>
    Forward,

    /// <summary>A compensation: the target of a forward step's Catch, or of another compensation's Next.</summary>
    Compensation,

    /// <summary>An SNS publish: the success, or a compensation that failed.</summary>
    Notification,

    /// <summary>The Succeed state.</summary>
    Succeeded,

    /// <summary>The Fail state.</summary>
    Failed,
}

/// <summary>One state of the repository's saga: the role a state of a graded definition can play.</summary>
/// <param name="Name">The state's name in <c>statemachine/saga.asl.json</c> (and in the expected paths).</param>
/// <param name="Kind">What it is for.</param>
/// <param name="Function">The function it calls, for a Lambda task.</param>
/// <param name="Next">Where it goes on success.</param>
/// <param name="CatchTargets">Where its Catch entries go.</param>
internal sealed record SagaStep(string Name, StepKind Kind, string? Function, string? Next, IReadOnlyList<string> CatchTargets);

/// <summary>A scenario file and what the saga must do with it (<c>events/expected/scenarios.json</c>).</summary>
/// <param name="File">The input, relative to the repository root.</param>
/// <param name="Label">The scenario's number, as its file name starts (<c>04</c>).</param>
/// <param name="Status">SUCCEEDED or FAILED.</param>
/// <param name="Error">The error a failed execution reports.</param>
/// <param name="Path">The states it goes through, by their names in the repository's definition.</param>
/// <param name="Records">What it leaves in the tables.</param>
internal sealed record ScenarioExpectation(string File, string Label, string Status, string? Error, IReadOnlyList<string> Path, RecordTypes Records);

/// <summary>
/// The saga as the repository defines it: the states of <c>statemachine/saga.asl.json</c> with their roles, the seven
/// scenarios and their expected paths, and the six error names the functions raise.
/// </summary>
internal sealed class SagaReference
{
    private SagaReference(IReadOnlyDictionary<string, SagaStep> steps, IReadOnlyList<ScenarioExpectation> scenarios)
    {
        Steps = steps;
        Scenarios = scenarios;
    }

    public IReadOnlyDictionary<string, SagaStep> Steps { get; }

    public IReadOnlyList<ScenarioExpectation> Scenarios { get; }

    /// <summary>The error names the functions raise (the exception types of LongLivedTransactions.Core.Errors).</summary>
    public static IReadOnlyList<string> SagaErrors { get; } = typeof(SagaStepException).Assembly.GetTypes()
        .Where(type => type.IsSubclassOf(typeof(SagaStepException)))
        .Select(type => type.Name)
        .Order(StringComparer.Ordinal)
        .ToArray();

    public SagaStep? StepOfFunction(string function) => Steps.Values.FirstOrDefault(step => step.Function == function);

    public SagaStep StepOfKind(StepKind kind) => Steps.Values.First(step => step.Kind == kind);

    public static SagaReference Load(string repositoryRoot, LocalArns arns)
    {
        ArgumentNullException.ThrowIfNull(repositoryRoot);
        string definitionFile = Path.Combine(repositoryRoot, SagaTopology.StateMachineDefinitionPath);
        var machine = (JsonObject)DefinitionJson.Read(File.ReadAllText(definitionFile), out _)!;
        _ = new PlaceholderResolver(arns, new Dictionary<string, string>()).Resolve(machine);
        List<DefinitionState> states = DefinitionState.TopLevel(machine).ToList();
        var catchTargets = states.ToDictionary(s => s.Name, s => CatchTargetsOf(s), StringComparer.Ordinal);
        var compensations = catchTargets.Values.SelectMany(targets => targets).ToHashSet(StringComparer.Ordinal);

        var steps = new Dictionary<string, SagaStep>(StringComparer.Ordinal);
        foreach (DefinitionState state in states)
        {
            string? function = state.FunctionReference is { } reference ? SagaFunctionNames.FunctionOfReference(reference) : null;
            StepKind kind = state.Type switch
            {
                "Succeed" => StepKind.Succeeded,
                "Fail" => StepKind.Failed,
                _ when state.IsSnsPublish => StepKind.Notification,
                _ when compensations.Contains(state.Name) => StepKind.Compensation,
                _ => StepKind.Forward,
            };
            steps[state.Name] = new SagaStep(state.Name, kind, function, state.Next, catchTargets[state.Name]);
        }

        string scenariosFile = Path.Combine(repositoryRoot, "events", "expected", "scenarios.json");
        var scenarios = JsonNode.Parse(File.ReadAllText(scenariosFile))!["scenarios"]!.AsArray()
            .Select(node => ReadScenario(node!.AsObject()))
            .ToList();
        return new SagaReference(steps, scenarios);
    }

    /// <summary>The Next of every Catch entry of a state, in order.</summary>
    public static IReadOnlyList<string> CatchTargetsOf(DefinitionState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return (state.Array("Catch") ?? [])
            .Select(entry => DefinitionState.Text(entry?["Next"]))
            .OfType<string>()
            .ToList();
    }

    private static ScenarioExpectation ReadScenario(JsonObject scenario)
    {
        string file = scenario["file"]!.GetValue<string>();
        JsonObject records = scenario["records"]!.AsObject();
        return new ScenarioExpectation(
            file,
            Path.GetFileName(file).Split('-')[0],
            scenario["status"]!.GetValue<string>(),
            scenario["error"]?.GetValue<string>(),
            Strings(scenario["path"]),
            new RecordTypes(records["order_status"]?.GetValue<string>(), Strings(records["payments"]), Strings(records["inventory"])));
    }

    private static string[] Strings(JsonNode? array) => array!.AsArray().Select(item => item!.GetValue<string>()).ToArray();
}
