using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>The fields of JSONata states: Arguments, Output, Assign, and the values that may be expressions.</summary>
internal sealed partial class DefinitionReader
{
    private JsonataDataFlow ReadJsonataDataFlow(string type, JsonObject state, string location)
    {
        var arguments = type is "Task" or "Parallel" ? OptionalJsonata(state, "Arguments", location) : null;
        var output = type is not "Fail" ? OptionalJsonata(state, "Output", location) : null;
        var assign = state.TryGetPropertyValue("Assign", out var assignNode) ? ReadJsonataAssign(assignNode, "Assign", $"{location}/Assign", allowErrorOutput: false) : null;
        return new JsonataDataFlow(arguments, output, assign, hasResult: type is "Task" or "Parallel" or "Map");
    }

    private JsonataTemplate? OptionalJsonata(JsonObject state, string field, string location, string? causeField = null) =>
        state.TryGetPropertyValue(field, out var node)
            ? JsonataTemplateCompiler.Compile(node, causeField ?? field, $"{location}/{field}", allowErrorOutput: false, _diagnostics)
            : null;

    private JsonataTemplate? ReadJsonataAssign(JsonNode? node, string field, string location, bool allowErrorOutput)
    {
        if (node is not JsonObject assign)
        {
            _diagnostics.Schema("The field 'Assign' must be an object of variable names to values.", location);
            return null;
        }

        foreach (var (name, _) in assign)
        {
            if (!IsValidVariableName(name))
            {
                _diagnostics.Schema($"'{name}' is not a valid variable name (letters, digits and '_', not starting with a digit, at most 80 characters).", $"{location}/{name}");
            }
        }

        return JsonataTemplateCompiler.Compile(assign, field, location, allowErrorOutput, _diagnostics);
    }

    /// <summary>A positive integer field that may also be written as a JSONata expression.</summary>
    private (int? Value, JsonataTemplate? Expression) ReadJsonataInteger(JsonObject state, string field, string location, long max)
    {
        if (!state.TryGetPropertyValue(field, out var node))
        {
            return (null, null);
        }

        if (JsonataTemplateCompiler.IsExpression(node, out _))
        {
            return (null, JsonataTemplateCompiler.Compile(node, field, $"{location}/{field}", allowErrorOutput: false, _diagnostics));
        }

        return (ReadPositiveInteger(node, field, $"{location}/{field}", max), null);
    }

    private TaskState ReadJsonataTask(StateCommon common, JsonObject state, string location)
    {
        if (!JsonFields.TryGetString(state["Resource"], out var resource))
        {
            _diagnostics.Schema("The field 'Resource' is required and must be a string.", $"{location}/Resource");
        }
        else if (!resource.StartsWith("arn:", StringComparison.Ordinal) || resource.Split(':').Length < 6)
        {
            _diagnostics.Error(DiagnosticCodes.InvalidResource, $"The resource provided {resource} is not a valid ARN.", $"{location}/Resource");
        }

        var (timeout, timeoutExpression) = ReadJsonataInteger(state, "TimeoutSeconds", location, MaxTimeoutSeconds);
        var (heartbeat, heartbeatExpression) = ReadJsonataInteger(state, "HeartbeatSeconds", location, MaxTimeoutSeconds);
        if (heartbeat is not null && heartbeat >= (timeout ?? 99_999_999))
        {
            _diagnostics.Schema("'HeartbeatSeconds' must be smaller than 'TimeoutSeconds'.", $"{location}/HeartbeatSeconds");
        }

        return new TaskState(
            common, resource, ReadErrorHandling(state, location), timeout, null, heartbeat, null, timeoutExpression, heartbeatExpression);
    }

    private ChoiceState ReadJsonataChoice(StateCommon common, JsonObject state, string location)
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
                var ruleLocation = $"{location}/Choices/{i}";
                if (choices[i] is not JsonObject rule)
                {
                    _diagnostics.Schema("A Choice rule must be an object.", ruleLocation);
                    continue;
                }

                foreach (var (key, _) in rule)
                {
                    if (key is not ("Condition" or "Next" or "Output" or "Assign" or "Comment"))
                    {
                        _diagnostics.Schema($"The field '{key}' is not supported in a JSONata Choice rule.", $"{ruleLocation}/{key}");
                    }
                }

                if (!JsonFields.TryGetString(rule["Next"], out var next))
                {
                    _diagnostics.Schema("The field 'Next' is required in a Choice rule and must be a string.", $"{ruleLocation}/Next");
                }

                if (!rule.TryGetPropertyValue("Condition", out var conditionNode))
                {
                    _diagnostics.Schema("The field 'Condition' is required in a JSONata Choice rule.", $"{ruleLocation}/Condition");
                    continue;
                }

                var field = $"Choices[{i}]";
                var condition = JsonataTemplateCompiler.Compile(conditionNode, $"{field}/Condition", $"{ruleLocation}/Condition", allowErrorOutput: false, _diagnostics);
                var output = rule.TryGetPropertyValue("Output", out var outputNode)
                    ? JsonataTemplateCompiler.Compile(outputNode, $"{field}/Output", $"{ruleLocation}/Output", allowErrorOutput: false, _diagnostics)
                    : null;
                var assign = rule.TryGetPropertyValue("Assign", out var assignNode)
                    ? ReadJsonataAssign(assignNode, $"{field}/Assign", $"{ruleLocation}/Assign", allowErrorOutput: false)
                    : null;
                rules.Add(new ConditionRule(next, condition, output, assign));
            }
        }

        string? defaultState = null;
        if (state.TryGetPropertyValue("Default", out var defaultNode) && !JsonFields.TryGetString(defaultNode, out defaultState!))
        {
            _diagnostics.Schema("The field 'Default' must be a string.", $"{location}/Default");
        }

        return new ChoiceState(common, rules, defaultState);
    }

    private WaitState ReadJsonataWait(StateCommon common, JsonObject state, string location)
    {
        var hasSeconds = state.TryGetPropertyValue("Seconds", out var secondsNode);
        var hasTimestamp = state.TryGetPropertyValue("Timestamp", out var timestampNode);
        if (hasSeconds == hasTimestamp)
        {
            _diagnostics.Schema("A Wait state must have exactly one of 'Seconds', 'Timestamp'.", location);
        }

        long? seconds = null;
        JsonataTemplate? secondsExpression = null;
        if (hasSeconds)
        {
            if (JsonataTemplateCompiler.IsExpression(secondsNode, out _))
            {
                secondsExpression = JsonataTemplateCompiler.Compile(secondsNode, "Seconds", $"{location}/Seconds", allowErrorOutput: false, _diagnostics);
            }
            else if (!JsonFields.TryGetInteger(secondsNode, out var value) || value < 0 || value > MaxTimeoutSeconds)
            {
                _diagnostics.Schema($"The field 'Seconds' must be an integer between 0 and {MaxTimeoutSeconds}.", $"{location}/Seconds");
            }
            else
            {
                seconds = value;
            }
        }

        DateTimeOffset? timestamp = null;
        JsonataTemplate? timestampExpression = null;
        if (hasTimestamp)
        {
            if (JsonataTemplateCompiler.IsExpression(timestampNode, out _))
            {
                timestampExpression = JsonataTemplateCompiler.Compile(timestampNode, "Timestamp", $"{location}/Timestamp", allowErrorOutput: false, _diagnostics);
            }
            else if (!JsonFields.TryGetString(timestampNode, out var text) || !Execution.Timestamps.TryParse(text, out var parsed))
            {
                _diagnostics.Schema("The field 'Timestamp' must be an ISO-8601 extended offset date-time string.", $"{location}/Timestamp");
            }
            else
            {
                timestamp = parsed;
            }
        }

        return new WaitState(common, seconds, timestamp, null, null, secondsExpression, timestampExpression);
    }

    private FailState ReadJsonataFail(StateCommon common, JsonObject state, string location)
    {
        string? error = null;
        string? cause = null;
        JsonataTemplate? errorExpression = null;
        JsonataTemplate? causeExpression = null;
        if (state.TryGetPropertyValue("Error", out var errorNode))
        {
            if (JsonataTemplateCompiler.IsExpression(errorNode, out _))
            {
                errorExpression = JsonataTemplateCompiler.Compile(errorNode, "Error", $"{location}/Error", allowErrorOutput: false, _diagnostics);
            }
            else
            {
                error = ReadOptionalString(state, "Error", location);
            }
        }

        if (state.TryGetPropertyValue("Cause", out var causeNode))
        {
            if (JsonataTemplateCompiler.IsExpression(causeNode, out _))
            {
                causeExpression = JsonataTemplateCompiler.Compile(causeNode, "Cause", $"{location}/Cause", allowErrorOutput: false, _diagnostics);
            }
            else
            {
                cause = ReadOptionalString(state, "Cause", location);
            }
        }

        return new FailState(common, error, cause, null, null, errorExpression, causeExpression);
    }

    /// <summary>The JSONata Map fields; the item processor and the rest are read as for any Map.</summary>
    private MapJsonataFields ReadMapJsonataFields(JsonObject state, string location)
    {
        JsonataTemplate? Optional(string field) => OptionalJsonata(state, field, location);
        return new MapJsonataFields(
            Optional("Items"),
            Optional("ItemSelector"),
            Optional("MaxConcurrency"),
            Optional("ToleratedFailureCount"),
            Optional("ToleratedFailurePercentage"));
    }

    private Catcher? ReadJsonataCatcher(JsonObject entry, IReadOnlyList<string>? errors, string next, string location)
    {
        var output = entry.TryGetPropertyValue("Output", out var outputNode)
            ? JsonataTemplateCompiler.Compile(outputNode, "Output", $"{location}/Output", allowErrorOutput: true, _diagnostics)
            : null;
        var assign = entry.TryGetPropertyValue("Assign", out var assignNode)
            ? ReadJsonataAssign(assignNode, "Assign", $"{location}/Assign", allowErrorOutput: true)
            : null;
        return errors is null ? null : new Catcher(errors, next, ResultPath.Root, null, output, assign);
    }
}
