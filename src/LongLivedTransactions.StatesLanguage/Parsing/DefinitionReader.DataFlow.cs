using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Data;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>The data-flow fields of a state in either query language, and the scalar fields many states share.</summary>
internal sealed partial class DefinitionReader
{
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

        // A ResultPath writes into the state's data: "$error" (a variable) or "$$.x" (the context) cannot be written,
        // and would otherwise replace the whole data silently.
        if (!JsonPathExpression.TryParse(text, out var path) || path is null || !path.IsReferencePath || path.Root != JsonPathRoot.Input)
        {
            _diagnostics.Schema("The value for the field 'ResultPath' must be a valid Reference Path.", fieldLocation);
            return ResultPath.Root;
        }

        return ResultPath.Of(path);
    }

    private PayloadTemplate? ReadTemplate(JsonObject state, string field, string location) =>
        state.TryGetPropertyValue(field, out var node) ? PayloadTemplateCompiler.Compile(node, $"{location}/{field}", _diagnostics) : null;

    private PayloadTemplate? CompileAssign(JsonNode? node, string location) =>
        ReadAssignObject(node, location, pathSuffix: true) is { } assign ? PayloadTemplateCompiler.Compile(assign, location, _diagnostics) : null;

    /// <summary>
    /// The Assign object, after reporting each key that is not a valid variable name (a JSONPath key may end in
    /// <c>.$</c>, which is not part of the name); null when it is not an object.
    /// </summary>
    private JsonObject? ReadAssignObject(JsonNode? node, string location, bool pathSuffix)
    {
        if (node is not JsonObject assign)
        {
            _diagnostics.Schema("The field 'Assign' must be an object of variable names to values.", location);
            return null;
        }

        foreach (var (key, _) in assign)
        {
            var name = pathSuffix && key.EndsWith(".$", StringComparison.Ordinal) ? key[..^2] : key;
            if (!IsValidVariableName(name))
            {
                _diagnostics.Schema($"'{name}' is not a valid variable name (letters, digits and '_', not starting with a digit, at most 80 characters).", $"{location}/{key}");
            }
        }

        return assign;
    }

    private static bool IsValidVariableName(string name) =>
        name.Length is > 0 and <= 80 && (char.IsLetter(name[0]) || name[0] == '_') && name.All(c => char.IsLetterOrDigit(c) || c == '_')
        && name != "states";

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

    private JsonataTemplate? ReadJsonataAssign(JsonNode? node, string field, string location, bool allowErrorOutput) =>
        ReadAssignObject(node, location, pathSuffix: false) is { } assign
            ? JsonataTemplateCompiler.Compile(assign, field, location, allowErrorOutput, _diagnostics)
            : null;

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

    private int? ReadPositiveInteger(JsonNode? node, string field, string location, long max)
    {
        if (!JsonFields.TryGetInteger(node, out var value) || value < 1 || value > max)
        {
            _diagnostics.Schema($"The field '{field}' must be an integer between 1 and {max} (found {JsonFields.Describe(node)}).", location);
            return null;
        }

        return (int)value;
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
}
