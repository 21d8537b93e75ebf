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
internal sealed class DefinitionReader
{
    private const int MaxStateNameLength = 80;
    private const long MaxTimeoutSeconds = 99_999_999;
    private static readonly string[] WaitFields = ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"];
    private static readonly string[] UnsupportedMapFields = ["ItemReader", "ResultWriter", "ItemBatcher"];

    private readonly DiagnosticBag _diagnostics = new();
    private readonly ChoiceRuleReader _choiceRules;

    private DefinitionReader() => _choiceRules = new ChoiceRuleReader(_diagnostics, CompileAssign);

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
            queryLanguage = ReadQueryLanguage(languageNode, "/QueryLanguage") ?? queryLanguage;
        }

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

    private string? ReadQueryLanguage(JsonNode? node, string location)
    {
        if (!JsonFields.TryGetString(node, out var language) || language is not ("JSONPath" or "JSONata"))
        {
            _diagnostics.Schema("The field 'QueryLanguage' must be \"JSONPath\" or \"JSONata\".", location);
            return null;
        }

        if (language == "JSONata")
        {
            _diagnostics.Schema(
                "QueryLanguage \"JSONata\" is not supported by this engine yet; only JSONPath states can be validated and run.",
                location);
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
                    _diagnostics.Schema($"The field '{key}' is not supported here.", $"{location}/{key}");
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

    /// <summary>StartAt and every Next/Default/Catch target exist, every state is reachable, and the graph can end.</summary>
    private void CheckTransitions(string startAt, JsonObject stateObjects, string location)
    {
        if (startAt.Length > 0 && !stateObjects.ContainsKey(startAt))
        {
            _diagnostics.Error(DiagnosticCodes.MissingTransitionTarget, $"Missing 'Next' target: {startAt}", $"{location}/StartAt");
        }

        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var hasTerminal = false;
        foreach (var (name, node) in stateObjects)
        {
            var targets = new List<(string Target, string Location)>();
            if (node is not JsonObject state)
            {
                continue;
            }

            var stateLocation = $"{location}/States/{name}";
            if (JsonFields.TryGetString(state["Next"], out var next))
            {
                targets.Add((next, $"{stateLocation}/Next"));
            }

            if (JsonFields.TryGetString(state["Default"], out var defaultTarget))
            {
                targets.Add((defaultTarget, $"{stateLocation}/Default"));
            }

            if (state["Choices"] is JsonArray choices)
            {
                for (var i = 0; i < choices.Count; i++)
                {
                    if (JsonFields.TryGetString(choices[i]?["Next"], out var choiceNext))
                    {
                        targets.Add((choiceNext, $"{stateLocation}/Choices/{i}/Next"));
                    }
                }
            }

            if (state["Catch"] is JsonArray catchers)
            {
                for (var i = 0; i < catchers.Count; i++)
                {
                    if (JsonFields.TryGetString(catchers[i]?["Next"], out var catchNext))
                    {
                        targets.Add((catchNext, $"{stateLocation}/Catch/{i}/Next"));
                    }
                }
            }

            var type = JsonFields.TryGetString(state["Type"], out var typeText) ? typeText : "";
            hasTerminal |= type is "Succeed" or "Fail" || (JsonFields.TryGetBoolean(state["End"], out var end) && end);

            edges[name] = targets.Select(t => t.Target).ToList();
            foreach (var (target, targetLocation) in targets)
            {
                if (!stateObjects.ContainsKey(target))
                {
                    _diagnostics.Error(DiagnosticCodes.MissingTransitionTarget, $"Missing 'Next' target: {target}", targetLocation);
                }
            }
        }

        if (!hasTerminal)
        {
            _diagnostics.Error(DiagnosticCodes.MissingEndState, "Workflow has no terminal state", location.Length == 0 ? "/" : location);
        }

        if (!stateObjects.ContainsKey(startAt))
        {
            return;
        }

        var reachable = new HashSet<string>(StringComparer.Ordinal) { startAt };
        var pending = new Stack<string>();
        pending.Push(startAt);
        while (pending.Count > 0)
        {
            foreach (var target in edges.GetValueOrDefault(pending.Pop()) ?? [])
            {
                if (stateObjects.ContainsKey(target) && reachable.Add(target))
                {
                    pending.Push(target);
                }
            }
        }

        foreach (var (name, _) in stateObjects)
        {
            if (!reachable.Contains(name))
            {
                _diagnostics.Error(DiagnosticCodes.UnreachableState, $"State '{name}' is not reachable.", $"{location}/States/{name}");
            }
        }
    }

    private State? ReadState(string name, JsonNode? node, string location)
    {
        if (node is not JsonObject state)
        {
            _diagnostics.Schema($"State '{name}' must be an object.", location);
            return null;
        }

        if (!JsonFields.TryGetString(state["Type"], out var type) || !StateFieldRules.IsKnownType(type))
        {
            _diagnostics.Schema(
                $"The field 'Type' must be one of Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map (found {JsonFields.Describe(state["Type"])}).",
                $"{location}/Type");
            return null;
        }

        var errorsBefore = _diagnostics.Items.Count(d => d.IsError);
        foreach (var (key, _) in state)
        {
            if (!StateFieldRules.IsAllowed(type, key))
            {
                _diagnostics.Schema($"The field '{key}' is not supported by Step Functions for a {type} state.", $"{location}/{key}");
            }
        }

        if (state.TryGetPropertyValue("QueryLanguage", out var languageNode))
        {
            ReadQueryLanguage(languageNode, $"{location}/QueryLanguage");
        }

        var common = ReadCommon(name, type, state, location);
        State? result = type switch
        {
            "Pass" => ReadPass(common, state),
            "Task" => ReadTask(common, state, location),
            "Choice" => ReadChoice(common, state, location),
            "Wait" => ReadWait(common, state, location),
            "Succeed" => new SucceedState(common),
            "Fail" => ReadFail(common, state, location),
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

        return new StateCommon(name, comment, next, end, ReadJsonPathDataFlow(type, state, location));
    }

    /// <summary>The JSONPath fields of a state; those its type does not have keep their defaults.</summary>
    private JsonPathDataFlow ReadJsonPathDataFlow(string type, JsonObject state, string location)
    {
        var inputPath = ReadOptionalDataPath(state, "InputPath", location);
        var outputPath = ReadOptionalDataPath(state, "OutputPath", location);
        var assign = state.TryGetPropertyValue("Assign", out var assignNode) ? CompileAssign(assignNode, $"{location}/Assign") : null;
        // A Map's Parameters is its older name for ItemSelector, not a data-flow step.
        var parameters = type is "Pass" or "Task" or "Parallel" ? ReadTemplate(state, "Parameters", location) : null;
        var resultSelector = type is "Task" or "Parallel" or "Map" ? ReadTemplate(state, "ResultSelector", location) : null;
        var resultPath = type is "Pass" or "Task" or "Parallel" or "Map" ? ReadResultPath(state, location) : ResultPath.Root;
        return new JsonPathDataFlow(inputPath, parameters, resultSelector, resultPath, outputPath, assign);
    }

    private PathReference? ReadOptionalDataPath(JsonObject state, string field, string location)
    {
        if (!state.TryGetPropertyValue(field, out var node))
        {
            return PathReference.Root;
        }

        if (node is null)
        {
            return null;
        }

        return ReadPath(node, field, $"{location}/{field}") ?? PathReference.Root;
    }

    private PathReference? ReadPath(JsonNode? node, string field, string location)
    {
        if (!JsonFields.TryGetString(node, out var text))
        {
            _diagnostics.Schema($"The field '{field}' must be a string that contains a JSONPath.", location);
            return null;
        }

        try
        {
            return PathReference.Parse(text);
        }
        catch (JsonPathSyntaxException e)
        {
            _diagnostics.Schema($"The value for the field '{field}' must be a valid JSONPath: {e.Message}", location);
            return null;
        }
    }

    private ResultPath ReadResultPath(JsonObject state, string location)
    {
        if (!state.TryGetPropertyValue("ResultPath", out var node))
        {
            return ResultPath.Root;
        }

        if (node is null)
        {
            return ResultPath.Discard;
        }

        var fieldLocation = $"{location}/ResultPath";
        if (!JsonFields.TryGetString(node, out var text))
        {
            _diagnostics.Schema("The field 'ResultPath' must be a string or null.", fieldLocation);
            return ResultPath.Root;
        }

        if (!JsonPathExpression.TryParse(text, out var path) || path is null || !path.IsReferencePath)
        {
            _diagnostics.Schema("The value for the field 'ResultPath' must be a valid Reference Path.", fieldLocation);
            return ResultPath.Root;
        }

        return ResultPath.Of(path);
    }

    private PayloadTemplate? ReadTemplate(JsonObject state, string field, string location) =>
        state.TryGetPropertyValue(field, out var node) ? PayloadTemplateCompiler.Compile(node, $"{location}/{field}", _diagnostics) : null;

    private PayloadTemplate? CompileAssign(JsonNode? node, string location)
    {
        if (node is not JsonObject assign)
        {
            _diagnostics.Schema("The field 'Assign' must be an object of variable names to values.", location);
            return null;
        }

        foreach (var (key, _) in assign)
        {
            var name = key.EndsWith(".$", StringComparison.Ordinal) ? key[..^2] : key;
            if (!IsValidVariableName(name))
            {
                _diagnostics.Schema($"'{name}' is not a valid variable name (letters, digits and '_', not starting with a digit, at most 80 characters).", $"{location}/{key}");
            }
        }

        return PayloadTemplateCompiler.Compile(assign, location, _diagnostics);
    }

    private static bool IsValidVariableName(string name) =>
        name.Length is > 0 and <= 80 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_')
        && name != "states";

    private static PassState ReadPass(StateCommon common, JsonObject state)
    {
        var hasResult = state.TryGetPropertyValue("Result", out var result);
        return new PassState(common, result?.DeepClone(), hasResult);
    }

    private TaskState ReadTask(StateCommon common, JsonObject state, string location)
    {
        if (!JsonFields.TryGetString(state["Resource"], out var resource))
        {
            _diagnostics.Schema("The field 'Resource' is required and must be a string.", $"{location}/Resource");
        }
        else if (!resource.StartsWith("arn:", StringComparison.Ordinal) || resource.Split(':').Length < 6)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidResource, $"The resource provided {resource} is not a valid ARN.", $"{location}/Resource");
        }

        int? timeout = null;
        PathReference? timeoutPath = null;
        int? heartbeat = null;
        PathReference? heartbeatPath = null;
        if (state.TryGetPropertyValue("TimeoutSeconds", out var timeoutNode))
        {
            timeout = ReadPositiveInteger(timeoutNode, "TimeoutSeconds", $"{location}/TimeoutSeconds", MaxTimeoutSeconds);
        }

        if (state.TryGetPropertyValue("TimeoutSecondsPath", out var timeoutPathNode))
        {
            timeoutPath = ReadPath(timeoutPathNode, "TimeoutSecondsPath", $"{location}/TimeoutSecondsPath");
            if (state.ContainsKey("TimeoutSeconds"))
            {
                _diagnostics.Schema("A Task state must not have both 'TimeoutSeconds' and 'TimeoutSecondsPath'.", location);
            }
        }

        if (state.TryGetPropertyValue("HeartbeatSeconds", out var heartbeatNode))
        {
            heartbeat = ReadPositiveInteger(heartbeatNode, "HeartbeatSeconds", $"{location}/HeartbeatSeconds", MaxTimeoutSeconds);
            if (heartbeat is not null && heartbeat >= (timeout ?? 99_999_999))
            {
                _diagnostics.Schema("'HeartbeatSeconds' must be smaller than 'TimeoutSeconds'.", $"{location}/HeartbeatSeconds");
            }
        }

        if (state.TryGetPropertyValue("HeartbeatSecondsPath", out var heartbeatPathNode))
        {
            heartbeatPath = ReadPath(heartbeatPathNode, "HeartbeatSecondsPath", $"{location}/HeartbeatSecondsPath");
            if (state.ContainsKey("HeartbeatSeconds"))
            {
                _diagnostics.Schema("A Task state must not have both 'HeartbeatSeconds' and 'HeartbeatSecondsPath'.", location);
            }
        }

        return new TaskState(
            common,
            resource,
            ReadErrorHandling(state, location),
            timeout,
            timeoutPath,
            heartbeat,
            heartbeatPath);
    }

    private int? ReadPositiveInteger(JsonNode? node, string field, string location, long max)
    {
        if (!JsonFields.TryGetInteger(node, out var value) || value < 1 || value > max)
        {
            _diagnostics.Schema($"The field '{field}' must be an integer between 1 and {max} (found {JsonFields.Describe(node)}).", location);
            return null;
        }

        return (int)value;
    }

    private ChoiceState ReadChoice(StateCommon common, JsonObject state, string location)
    {
        var rules = new List<ChoiceRule>();
        if (state["Choices"] is not JsonArray choices || choices.Count == 0)
        {
            _diagnostics.Schema("The field 'Choices' is required and must be a non-empty array.", $"{location}/Choices");
        }
        else
        {
            for (var i = 0; i < choices.Count; i++)
            {
                var rule = _choiceRules.Read(choices[i], $"{location}/Choices/{i}", topLevel: true);
                if (rule is not null)
                {
                    rules.Add(rule);
                }
            }
        }

        string? defaultState = null;
        if (state.TryGetPropertyValue("Default", out var defaultNode) && !JsonFields.TryGetString(defaultNode, out defaultState!))
        {
            _diagnostics.Schema("The field 'Default' must be a string.", $"{location}/Default");
        }

        return new ChoiceState(common, rules, defaultState);
    }

    private WaitState ReadWait(StateCommon common, JsonObject state, string location)
    {
        var present = WaitFields.Where(state.ContainsKey).ToList();
        if (present.Count != 1)
        {
            _diagnostics.Schema("A Wait state must have exactly one of 'Seconds', 'Timestamp', 'SecondsPath', 'TimestampPath'.", location);
        }

        long? seconds = null;
        DateTimeOffset? timestamp = null;
        PathReference? secondsPath = null;
        PathReference? timestampPath = null;
        if (state.TryGetPropertyValue("Seconds", out var secondsNode))
        {
            if (!JsonFields.TryGetInteger(secondsNode, out var value) || value < 0 || value > MaxTimeoutSeconds)
            {
                _diagnostics.Schema($"The field 'Seconds' must be an integer between 0 and {MaxTimeoutSeconds}.", $"{location}/Seconds");
            }

            seconds = value;
        }

        if (state.TryGetPropertyValue("Timestamp", out var timestampNode))
        {
            if (!JsonFields.TryGetString(timestampNode, out var text) || !Execution.Timestamps.TryParse(text, out var parsed))
            {
                _diagnostics.Schema("The field 'Timestamp' must be an ISO-8601 extended offset date-time string.", $"{location}/Timestamp");
            }
            else
            {
                timestamp = parsed;
            }
        }

        if (state.TryGetPropertyValue("SecondsPath", out var secondsPathNode))
        {
            secondsPath = ReadPath(secondsPathNode, "SecondsPath", $"{location}/SecondsPath");
        }

        if (state.TryGetPropertyValue("TimestampPath", out var timestampPathNode))
        {
            timestampPath = ReadPath(timestampPathNode, "TimestampPath", $"{location}/TimestampPath");
        }

        return new WaitState(common, seconds, timestamp, secondsPath, timestampPath);
    }

    private FailState ReadFail(StateCommon common, JsonObject state, string location)
    {
        var error = ReadOptionalString(state, "Error", location);
        var cause = ReadOptionalString(state, "Cause", location);
        var errorPath = ReadValueExpression(state, "ErrorPath", location);
        var causePath = ReadValueExpression(state, "CausePath", location);
        if (error is not null && errorPath is not null)
        {
            _diagnostics.Schema("A Fail state must not have both 'Error' and 'ErrorPath'.", location);
        }

        if (cause is not null && causePath is not null)
        {
            _diagnostics.Schema("A Fail state must not have both 'Cause' and 'CausePath'.", location);
        }

        return new FailState(common, error, cause, errorPath, causePath);
    }

    private string? ReadOptionalString(JsonObject state, string field, string location)
    {
        if (!state.TryGetPropertyValue(field, out var node))
        {
            return null;
        }

        if (!JsonFields.TryGetString(node, out var text))
        {
            _diagnostics.Schema($"The field '{field}' must be a string.", $"{location}/{field}");
            return null;
        }

        return text;
    }

    private ValueExpression? ReadValueExpression(JsonObject state, string field, string location)
    {
        var text = ReadOptionalString(state, field, location);
        if (text is null)
        {
            return null;
        }

        try
        {
            return ValueExpression.Parse(text);
        }
        catch (JsonPathSyntaxException e)
        {
            _diagnostics.Schema($"The value for the field '{field}' must be a valid JSONPath or intrinsic function: {e.Message}", $"{location}/{field}");
        }
        catch (IntrinsicSyntaxException e)
        {
            _diagnostics.Schema($"The value for the field '{field}' must be a valid intrinsic function: {e.Message}", $"{location}/{field}");
        }

        return null;
    }

    private ParallelState? ReadParallel(StateCommon common, JsonObject state, string location)
    {
        var branches = new List<StateGraph>();
        if (state["Branches"] is not JsonArray branchNodes || branchNodes.Count == 0)
        {
            _diagnostics.Schema("The field 'Branches' is required and must be a non-empty array.", $"{location}/Branches");
            return null;
        }

        for (var i = 0; i < branchNodes.Count; i++)
        {
            var branchLocation = $"{location}/Branches/{i}";
            if (branchNodes[i] is not JsonObject branch)
            {
                _diagnostics.Schema("A branch must be an object with 'StartAt' and 'States'.", branchLocation);
                continue;
            }

            var graph = ReadGraph(branch, branchLocation, allowProcessorConfig: false);
            if (graph is not null)
            {
                branches.Add(graph);
            }
        }

        return new ParallelState(common, branches, ReadErrorHandling(state, location));
    }

    private MapState? ReadMap(StateCommon common, JsonObject state, string location)
    {
        foreach (var unsupported in UnsupportedMapFields)
        {
            if (state.ContainsKey(unsupported))
            {
                _diagnostics.Schema($"The field '{unsupported}' (Distributed Map with external items or results) is not supported by this engine.", $"{location}/{unsupported}");
            }
        }

        var processorField = state.ContainsKey("ItemProcessor") ? "ItemProcessor" : "Iterator";
        if (state.ContainsKey("ItemProcessor") && state.ContainsKey("Iterator"))
        {
            _diagnostics.Schema("A Map state must not have both 'ItemProcessor' and 'Iterator'.", location);
        }

        if (state[processorField] is not JsonObject processor)
        {
            _diagnostics.Schema("The field 'ItemProcessor' (or 'Iterator') is required and must be an object.", $"{location}/{processorField}");
            return null;
        }

        var mode = "INLINE";
        if (processor["ProcessorConfig"] is JsonObject config && config.TryGetPropertyValue("Mode", out var modeNode))
        {
            if (!JsonFields.TryGetString(modeNode, out mode) || mode is not ("INLINE" or "DISTRIBUTED"))
            {
                _diagnostics.Schema("ProcessorConfig 'Mode' must be \"INLINE\" or \"DISTRIBUTED\".", $"{location}/{processorField}/ProcessorConfig/Mode");
                mode = "INLINE";
            }
        }

        var graph = ReadGraph(processor, $"{location}/{processorField}", allowProcessorConfig: true);
        if (state.ContainsKey("ItemSelector") && state.ContainsKey("Parameters"))
        {
            _diagnostics.Schema("A Map state must not have both 'ItemSelector' and 'Parameters'.", location);
        }

        var itemsPath = PathReference.Root;
        if (state.TryGetPropertyValue("ItemsPath", out var itemsPathNode))
        {
            itemsPath = ReadPath(itemsPathNode, "ItemsPath", $"{location}/ItemsPath") ?? PathReference.Root;
        }

        int? maxConcurrency = null;
        if (state.TryGetPropertyValue("MaxConcurrency", out var concurrencyNode))
        {
            if (!JsonFields.TryGetInteger(concurrencyNode, out var value) || value < 0 || value > int.MaxValue)
            {
                _diagnostics.Schema("The field 'MaxConcurrency' must be a non-negative integer.", $"{location}/MaxConcurrency");
            }
            else
            {
                maxConcurrency = (int)value;
            }
        }

        int? toleratedCount = null;
        if (state.TryGetPropertyValue("ToleratedFailureCount", out var countNode))
        {
            if (!JsonFields.TryGetInteger(countNode, out var value) || value < 0 || value > int.MaxValue)
            {
                _diagnostics.Schema("The field 'ToleratedFailureCount' must be a non-negative integer.", $"{location}/ToleratedFailureCount");
            }
            else
            {
                toleratedCount = (int)value;
            }
        }

        double? toleratedPercentage = null;
        if (state.TryGetPropertyValue("ToleratedFailurePercentage", out var percentageNode))
        {
            if (!JsonFields.TryGetNumber(percentageNode, out var value) || value < 0 || value > 100)
            {
                _diagnostics.Schema("The field 'ToleratedFailurePercentage' must be a number between 0 and 100.", $"{location}/ToleratedFailurePercentage");
            }
            else
            {
                toleratedPercentage = value;
            }
        }

        PathReference? OptionalPath(string field) =>
            state.TryGetPropertyValue(field, out var node) ? ReadPath(node, field, $"{location}/{field}") : null;

        var settings = new MapSettings(
            graph ?? new StateGraph("", new Dictionary<string, State>(), null),
            mode,
            itemsPath,
            ReadTemplate(state, state.ContainsKey("ItemSelector") ? "ItemSelector" : "Parameters", location),
            maxConcurrency,
            OptionalPath("MaxConcurrencyPath"),
            toleratedCount,
            OptionalPath("ToleratedFailureCountPath"),
            toleratedPercentage,
            OptionalPath("ToleratedFailurePercentagePath"),
            ReadErrorHandling(state, location),
            ReadOptionalString(state, "Label", location));
        return graph is null ? null : new MapState(common, settings);
    }

    private ErrorHandling ReadErrorHandling(JsonObject state, string location)
    {
        var retriers = new List<Retrier>();
        var catchers = new List<Catcher>();
        if (state.TryGetPropertyValue("Retry", out var retryNode))
        {
            if (retryNode is not JsonArray retryArray)
            {
                _diagnostics.Schema("The field 'Retry' must be an array.", $"{location}/Retry");
            }
            else
            {
                for (var i = 0; i < retryArray.Count; i++)
                {
                    var retrier = ReadRetrier(retryArray[i], $"{location}/Retry/{i}", i == retryArray.Count - 1);
                    if (retrier is not null)
                    {
                        retriers.Add(retrier);
                    }
                }
            }
        }

        if (state.TryGetPropertyValue("Catch", out var catchNode))
        {
            if (catchNode is not JsonArray catchArray)
            {
                _diagnostics.Schema("The field 'Catch' must be an array.", $"{location}/Catch");
            }
            else
            {
                for (var i = 0; i < catchArray.Count; i++)
                {
                    var catcher = ReadCatcher(catchArray[i], $"{location}/Catch/{i}", i == catchArray.Count - 1);
                    if (catcher is not null)
                    {
                        catchers.Add(catcher);
                    }
                }
            }
        }

        return retriers.Count == 0 && catchers.Count == 0 ? ErrorHandling.None : new ErrorHandling(retriers, catchers);
    }

    private List<string>? ReadErrorEquals(JsonObject entry, string location, bool isLast)
    {
        if (entry["ErrorEquals"] is not JsonArray array || array.Count == 0)
        {
            _diagnostics.Schema("The field 'ErrorEquals' is required and must be a non-empty array of strings.", $"{location}/ErrorEquals");
            return null;
        }

        var errors = new List<string>();
        foreach (var item in array)
        {
            if (!JsonFields.TryGetString(item, out var error))
            {
                _diagnostics.Schema("The field 'ErrorEquals' must contain only strings.", $"{location}/ErrorEquals");
                return null;
            }

            errors.Add(error);
        }

        if (errors.Contains(Execution.ErrorNames.All) && (errors.Count > 1 || !isLast))
        {
            _diagnostics.Schema("States.ALL must appear alone in the ErrorEquals array of the last Retry or Catch entry.", $"{location}/ErrorEquals");
        }

        return errors;
    }

    private Retrier? ReadRetrier(JsonNode? node, string location, bool isLast)
    {
        if (node is not JsonObject entry)
        {
            _diagnostics.Schema("A Retry entry must be an object.", location);
            return null;
        }

        foreach (var (key, _) in entry)
        {
            if (key is not ("ErrorEquals" or "IntervalSeconds" or "MaxAttempts" or "BackoffRate" or "MaxDelaySeconds" or "JitterStrategy" or "Comment"))
            {
                _diagnostics.Schema($"The field '{key}' is not supported in a Retry entry.", $"{location}/{key}");
            }
        }

        var errors = ReadErrorEquals(entry, location, isLast);
        double interval = 1;
        var maxAttempts = 3;
        double backoff = 2.0;
        int? maxDelay = null;
        var jitter = JitterStrategy.None;
        if (entry.TryGetPropertyValue("IntervalSeconds", out var intervalNode))
        {
            if (!JsonFields.TryGetInteger(intervalNode, out var value) || value < 1 || value > MaxTimeoutSeconds)
            {
                _diagnostics.Schema($"The field 'IntervalSeconds' must be an integer between 1 and {MaxTimeoutSeconds}.", $"{location}/IntervalSeconds");
            }

            interval = value;
        }

        if (entry.TryGetPropertyValue("MaxAttempts", out var attemptsNode))
        {
            if (!JsonFields.TryGetInteger(attemptsNode, out var value) || value < 0 || value > MaxTimeoutSeconds)
            {
                _diagnostics.Schema($"The field 'MaxAttempts' must be an integer between 0 and {MaxTimeoutSeconds}.", $"{location}/MaxAttempts");
            }

            maxAttempts = (int)Math.Clamp(value, 0, MaxTimeoutSeconds);
        }

        if (entry.TryGetPropertyValue("BackoffRate", out var backoffNode))
        {
            if (!JsonFields.TryGetNumber(backoffNode, out backoff) || backoff < 1.0 || backoff > MaxTimeoutSeconds)
            {
                _diagnostics.Schema("The field 'BackoffRate' must be a number greater than or equal to 1.0.", $"{location}/BackoffRate");
            }
        }

        if (entry.TryGetPropertyValue("MaxDelaySeconds", out var delayNode))
        {
            if (!JsonFields.TryGetInteger(delayNode, out var value) || value < 1 || value > 31_622_400)
            {
                _diagnostics.Schema("The field 'MaxDelaySeconds' must be an integer between 1 and 31622400.", $"{location}/MaxDelaySeconds");
            }
            else
            {
                maxDelay = (int)value;
            }
        }

        if (entry.TryGetPropertyValue("JitterStrategy", out var jitterNode))
        {
            if (!JsonFields.TryGetString(jitterNode, out var text) || text is not ("FULL" or "NONE"))
            {
                _diagnostics.Schema("The field 'JitterStrategy' must be \"FULL\" or \"NONE\".", $"{location}/JitterStrategy");
            }
            else
            {
                jitter = text == "FULL" ? JitterStrategy.Full : JitterStrategy.None;
            }
        }

        return errors is null ? null : new Retrier(errors, interval, maxAttempts, backoff, maxDelay, jitter);
    }

    private Catcher? ReadCatcher(JsonNode? node, string location, bool isLast)
    {
        if (node is not JsonObject entry)
        {
            _diagnostics.Schema("A Catch entry must be an object.", location);
            return null;
        }

        foreach (var (key, _) in entry)
        {
            if (key is not ("ErrorEquals" or "Next" or "ResultPath" or "Assign" or "Comment"))
            {
                _diagnostics.Schema($"The field '{key}' is not supported in a Catch entry.", $"{location}/{key}");
            }
        }

        var errors = ReadErrorEquals(entry, location, isLast);
        if (!JsonFields.TryGetString(entry["Next"], out var next))
        {
            _diagnostics.Schema("The field 'Next' is required in a Catch entry and must be a string.", $"{location}/Next");
        }

        var assign = entry.TryGetPropertyValue("Assign", out var assignNode) ? CompileAssign(assignNode, $"{location}/Assign") : null;
        var resultPath = ReadResultPath(entry, location);
        return errors is null ? null : new Catcher(errors, next, resultPath, assign);
    }
}
