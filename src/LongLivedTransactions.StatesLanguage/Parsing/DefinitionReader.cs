using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Data;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>The outcome of reading a definition: the model (null when there are errors) and every diagnostic.</summary>
internal sealed record DefinitionReadResult(StateMachineDefinition? Definition, IReadOnlyList<ValidationDiagnostic> Diagnostics);

/// <summary>
/// Reads definition JSON into the typed model and reports what ValidateStateMachineDefinition would
/// report: schema errors (missing, unknown or mistyped fields), bad paths and intrinsic calls, missing
/// transition targets, unreachable states, graphs without an end, out-of-range retry fields.
/// </summary>
internal sealed partial class DefinitionReader
{
    private const int MaxStateNameLength = 80;
    private const long MaxTimeoutSeconds = 99_999_999;

    private readonly DiagnosticBag _diagnostics = new();
    private readonly ChoiceRuleReader _choiceRules;

    private DefinitionReader() => _choiceRules = new ChoiceRuleReader(_diagnostics, CompileAssign);

    /// <summary>The machine's QueryLanguage, the default of every state.</summary>
    private string _machineLanguage = "JSONPath";

    /// <summary>True while reading a JSONata state.</summary>
    private bool _jsonata;

    public static DefinitionReadResult Read(string? text)
    {
        var reader = new DefinitionReader();
        var root = DefinitionDocument.Load(text, reader._diagnostics);
        StateMachineDefinition? definition = null;
        if (root is not null)
        {
            definition = reader.ReadStateMachine(root);
        }

        return new DefinitionReadResult(reader._diagnostics.HasErrors ? null : definition, reader._diagnostics.Items);
    }

    private StateMachineDefinition? ReadStateMachine(JsonNode root)
    {
        if (root is not JsonObject machine)
        {
            _diagnostics.Schema("The definition must be a JSON object.", "/");
            return null;
        }

        foreach (var (key, _) in machine)
        {
            if (key is not ("Comment" or "StartAt" or "States" or "TimeoutSeconds" or "Version" or "QueryLanguage"))
            {
                _diagnostics.Schema($"The field '{key}' is not supported by Step Functions.", $"/{key}");
            }
        }

        var queryLanguage = "JSONPath";
        if (machine.TryGetPropertyValue("QueryLanguage", out var languageNode))
        {
            queryLanguage = ReadQueryLanguage(languageNode, "/QueryLanguage");
        }

        _machineLanguage = queryLanguage;

        int? timeoutSeconds = null;
        if (machine.TryGetPropertyValue("TimeoutSeconds", out var timeoutNode))
        {
            timeoutSeconds = ReadPositiveInteger(timeoutNode, "TimeoutSeconds", "/TimeoutSeconds", MaxTimeoutSeconds);
        }

        string? version = null;
        if (machine.TryGetPropertyValue("Version", out var versionNode) && !JsonFields.TryGetString(versionNode, out version!))
        {
            _diagnostics.Schema("The field 'Version' must be a string.", "/Version");
        }

        var graph = ReadGraph(machine, "", allowProcessorConfig: false);
        if (graph is null)
        {
            return null;
        }

        return new StateMachineDefinition(graph.StartAt, graph.States, graph.Comment, timeoutSeconds, queryLanguage, version);
    }

    private string ReadQueryLanguage(JsonNode? node, string location)
    {
        if (!JsonFields.TryGetString(node, out var language) || language is not ("JSONPath" or "JSONata"))
        {
            // AWS reads any value but exactly "JSONPath" as JSONata, and reports the bad value on its own.
            _diagnostics.Schema("The field 'QueryLanguage' must be \"JSONPath\" or \"JSONata\".", location);
            return "JSONata";
        }

        return language;
    }

    private StateGraph? ReadGraph(JsonObject graph, string location, bool allowProcessorConfig)
    {
        if (location.Length > 0)
        {
            foreach (var (key, _) in graph)
            {
                if (key is not ("Comment" or "StartAt" or "States") && !(allowProcessorConfig && key == "ProcessorConfig"))
                {
                    // AWS's wording, at the branch or processor; a QueryLanguage here is refused this way too.
                    _diagnostics.Schema($"Field '{key}' is not supported", location);
                }
            }
        }

        string? comment = null;
        if (graph.TryGetPropertyValue("Comment", out var commentNode) && !JsonFields.TryGetString(commentNode, out comment!))
        {
            _diagnostics.Schema("The field 'Comment' must be a string.", $"{location}/Comment");
        }

        if (!JsonFields.TryGetString(graph["StartAt"], out var startAt))
        {
            _diagnostics.Schema("The field 'StartAt' is required and must be a string.", $"{location}/StartAt");
        }

        if (graph["States"] is not JsonObject stateObjects || stateObjects.Count == 0)
        {
            _diagnostics.Schema("The field 'States' is required and must be a non-empty object.", $"{location}/States");
            return null;
        }

        var states = new Dictionary<string, State>(StringComparer.Ordinal);
        foreach (var (name, node) in stateObjects)
        {
            var stateLocation = $"{location}/States/{name}";
            if (name.Length == 0 || name.Length > MaxStateNameLength)
            {
                _diagnostics.Error(DiagnosticCodes.InvalidStateName, $"State names must be 1 to {MaxStateNameLength} characters long: '{name}'.", stateLocation);
            }

            var state = ReadState(name, node, stateLocation);
            if (state is not null)
            {
                states[name] = state;
            }
        }

        CheckTransitions(startAt, stateObjects, location);
        return startAt.Length == 0 ? null : new StateGraph(startAt, states, comment);
    }

    private State? ReadState(string name, JsonNode? node, string location)
    {
        if (node is not JsonObject state)
        {
            _diagnostics.Schema($"State '{name}' must be an object.", location);
            return null;
        }

        if (!JsonFields.TryGetString(state["Type"], out var type) || !FieldSchema.IsStateType(type))
        {
            _diagnostics.Schema(
                $"The field 'Type' must be one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map (found {JsonFields.Describe(state["Type"])}).",
                $"{location}/Type");
            return null;
        }

        var errorsBefore = _diagnostics.Items.Count(d => d.IsError);
        var language = _machineLanguage;
        if (state.TryGetPropertyValue("QueryLanguage", out var languageNode))
        {
            language = ReadQueryLanguage(languageNode, $"{location}/QueryLanguage");
            if (_machineLanguage == "JSONata" && language == "JSONPath")
            {
                _diagnostics.Schema("'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine", location);
            }
        }

        var jsonata = language == "JSONata";
        FieldSchema.CheckState(type, state, jsonata, location, _diagnostics);

        // A state's language is its own QueryLanguage or else the machine's: states nested in a Parallel or Map do not
        // inherit the enclosing state's, as AWS reads them.
        var enclosingJsonata = _jsonata;
        _jsonata = jsonata;
        try
        {
            return ReadStateOfType(name, type, state, location, errorsBefore);
        }
        finally
        {
            _jsonata = enclosingJsonata;
        }
    }

    private State? ReadStateOfType(string name, string type, JsonObject state, string location, int errorsBefore)
    {
        var common = ReadCommon(name, type, state, location);
        State? result = type switch
        {
            "Pass" => ReadPass(common, state),
            "Task" => _jsonata ? ReadJsonataTask(common, state, location) : ReadTask(common, state, location),
            "Choice" => _jsonata ? ReadJsonataChoice(common, state, location) : ReadChoice(common, state, location),
            "Wait" => _jsonata ? ReadJsonataWait(common, state, location) : ReadWait(common, state, location),
            "Succeed" => new SucceedState(common),
            "Fail" => _jsonata ? ReadJsonataFail(common, state, location) : ReadFail(common, state, location),
            "Parallel" => ReadParallel(common, state, location),
            _ => ReadMap(common, state, location),
        };

        return _diagnostics.Items.Count(d => d.IsError) == errorsBefore ? result : null;
    }

    private StateCommon ReadCommon(string name, string type, JsonObject state, string location)
    {
        string? comment = null;
        if (state.TryGetPropertyValue("Comment", out var commentNode) && !JsonFields.TryGetString(commentNode, out comment!))
        {
            _diagnostics.Schema("The field 'Comment' must be a string.", $"{location}/Comment");
        }

        string? next = null;
        var end = false;
        if (type is "Pass" or "Task" or "Wait" or "Parallel" or "Map")
        {
            var hasNext = state.TryGetPropertyValue("Next", out var nextNode);
            var hasEnd = state.TryGetPropertyValue("End", out var endNode);
            if (hasNext && !JsonFields.TryGetString(nextNode, out next!))
            {
                _diagnostics.Schema("The field 'Next' must be a string.", $"{location}/Next");
            }

            if (hasEnd && (!JsonFields.TryGetBoolean(endNode, out end) || !end))
            {
                _diagnostics.Schema("The field 'End' must be true when present.", $"{location}/End");
            }

            if (hasNext && end)
            {
                _diagnostics.Schema("A state must not have both 'Next' and 'End'.", location);
            }
            else if (!hasNext && !hasEnd)
            {
                _diagnostics.Schema($"State '{name}' must have either 'Next' or 'End': true.", location);
            }
        }

        StateDataFlow dataFlow = _jsonata ? ReadJsonataDataFlow(type, state, location) : ReadJsonPathDataFlow(type, state, location);
        return new StateCommon(name, comment, next, end, dataFlow);
    }

    private static PassState ReadPass(StateCommon common, JsonObject state)
    {
        var hasResult = state.TryGetPropertyValue("Result", out var result);
        return new PassState(common, result?.DeepClone(), hasResult);
    }
}
