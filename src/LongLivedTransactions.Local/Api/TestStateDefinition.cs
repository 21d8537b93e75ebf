using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// The state a TestState request tests, parsed by the engine: the definition of one state, or a whole state machine
/// with <c>stateName</c> naming one of its states (at any depth: states of Map item processors and Parallel branches too).
/// </summary>
public sealed class TestStateDefinition
{
    /// <summary>The name a lone state definition runs under (what TestState reports as <c>$$.State.Name</c>).</summary>
    public const string LoneStateName = "StateName";

    private TestStateDefinition(StateMachineDefinition machine, State state)
    {
        Machine = machine;
        State = state;
    }

    /// <summary>The parsed machine that holds the state.</summary>
    public StateMachineDefinition Machine { get; }

    public State State { get; }

    /// <exception cref="StepFunctionsException">InvalidDefinition, or ValidationException when the state is not found.</exception>
    public static TestStateDefinition Read(string definitionText, string? stateName)
    {
        JsonObject root = ParseObject(definitionText);
        if (stateName is null)
        {
            return root["States"] is null
                ? Lone(root)
                : throw StepFunctionsErrors.Validation(
                    "Value null at 'stateName' failed to satisfy constraint: a whole state machine definition needs the name of the state to test");
        }

        if (root["States"] is null)
        {
            throw StateNotFound();
        }

        StateMachineDefinition machine = StateMachineRegistry.ParseDefinition(definitionText);
        return StateLookup.Find(machine, stateName) is { } state ? new TestStateDefinition(machine, state) : throw StateNotFound();
    }

    /// <summary>
    /// One state alone: parsed as the only state of a machine, with a Succeed state standing in for every state it
    /// can go to (the test never goes there; the definition is only valid with them).
    /// </summary>
    private static TestStateDefinition Lone(JsonObject state)
    {
        var states = new JsonObject { [LoneStateName] = state.DeepClone() };
        foreach (string target in TransitionTargets(state).Where(t => t != LoneStateName))
        {
            states[target] = new JsonObject { ["Type"] = "Succeed" };
        }

        var machine = new JsonObject { ["StartAt"] = LoneStateName, ["States"] = states };
        if (state["QueryLanguage"] is JsonNode language)
        {
            machine["QueryLanguage"] = language.DeepClone();
        }

        StateMachineDefinition parsed = StateMachineRegistry.ParseDefinition(machine.ToJsonString());
        return new TestStateDefinition(parsed, parsed.States[LoneStateName]);
    }

    private static IEnumerable<string> TransitionTargets(JsonObject state)
    {
        IEnumerable<JsonNode?> holders = [state, .. Items(state["Catch"]), .. Items(state["Choices"])];
        foreach (JsonNode? holder in holders)
        {
            foreach (string field in new[] { "Next", "Default" })
            {
                if (holder?[field] is JsonValue value && value.TryGetValue(out string? target))
                {
                    yield return target;
                }
            }
        }
    }

    private static IEnumerable<JsonNode?> Items(JsonNode? node) => node as JsonArray ?? [];

    private static JsonObject ParseObject(string definitionText)
    {
        JsonNode? definition;
        try
        {
            definition = JsonNode.Parse(definitionText);
        }
        catch (JsonException invalid)
        {
            throw StepFunctionsErrors.InvalidDefinition($"Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: {invalid.Message}'");
        }

        return definition as JsonObject
            ?? throw StepFunctionsErrors.InvalidDefinition("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The definition must be a JSON object'");
    }

    private static StepFunctionsException StateNotFound() => StepFunctionsErrors.OperationValidation("State not found in definition");
}
