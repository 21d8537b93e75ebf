using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Data;
using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>
/// The JSONPath data flow of a state: InputPath, Parameters / ResultSelector / Assign templates,
/// ResultPath, OutputPath, and the payload size limit. "$" in a template means whatever the caller
/// passes as <c>data</c> (the effective input, the task result, the error output...).
/// </summary>
internal static class DataFlow
{
    /// <summary>The largest state input/output/result Step Functions accepts: 256 KiB of UTF-8.</summary>
    public const int MaxPayloadBytes = 256 * 1024;

    private static readonly JsonSerializerOptions TextOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// OutputPath. The state's output is discarded afterwards, so the selected part is taken out of it
    /// rather than copied (the hot path of every state).
    /// </summary>
    public static JsonNode? ApplyOutputPath(StateVisit visit, PathReference? path, JsonNode? output)
    {
        if (path is not null && path.Source == PathSource.Input && !path.IsRoot && path.Path.TryGetNode(output, out var selected))
        {
            return Detach(selected);
        }

        return SelectWithPath(visit, path, output);
    }

    /// <summary>Removes a node from its parent so that it can be placed elsewhere without a copy.</summary>
    private static JsonNode? Detach(JsonNode? node)
    {
        switch (node?.Parent)
        {
            case JsonObject parent:
                parent.Remove(node.GetPropertyName());
                break;
            case JsonArray parent:
                parent.RemoveAt(node.GetElementIndex());
                break;
        }

        return node;
    }

    /// <summary>InputPath or OutputPath: null selects {}; a missing path fails the state (States.Runtime).</summary>
    public static JsonNode? SelectWithPath(StateVisit visit, PathReference? path, JsonNode? data)
    {
        if (path is null)
        {
            return new JsonObject();
        }

        if (path.IsRoot && path.Source == PathSource.Input)
        {
            return data;
        }

        if (TryResolve(visit, path, data, out var value, out var failure))
        {
            return value;
        }

        throw StateFailure.Runtime(visit, $"Invalid path '{path.Text}' : {failure}");
    }

    /// <summary>Reads the value at a path without copying it: read it, never modify or re-parent it.</summary>
    public static bool TryPeek(StateVisit visit, PathReference path, JsonNode? data, out JsonNode? value)
    {
        JsonNode? root = path.Source switch
        {
            PathSource.Context => visit.Context,
            PathSource.Variable => visit.Variables.TryGet(path.VariableName!, out var variable)
                ? variable
                : throw StateFailure.Runtime(visit, $"The variable '${path.VariableName}' is not defined."),
            _ => data,
        };
        if (path.IsRoot)
        {
            value = root;
            return true;
        }

        return path.Path.TryGetNode(root, out value);
    }

    /// <summary>Evaluates a path against its source; the value returned is detached (safe to insert anywhere).</summary>
    public static bool TryResolve(StateVisit visit, PathReference path, JsonNode? data, out JsonNode? value) =>
        TryResolve(visit, path, data, out value, out _);

    /// <inheritdoc cref="TryResolve(StateVisit, PathReference, JsonNode?, out JsonNode?)"/>
    /// <param name="failure">When false: Jayway's explanation ("No results for path: $['a']").</param>
    public static bool TryResolve(StateVisit visit, PathReference path, JsonNode? data, out JsonNode? value, out string? failure)
    {
        failure = null;
        JsonNode? root;
        switch (path.Source)
        {
            case PathSource.Context:
                root = visit.Context;
                break;
            case PathSource.Variable:
                if (!visit.Variables.TryGet(path.VariableName!, out root))
                {
                    throw StateFailure.Runtime(visit, $"The variable '${path.VariableName}' is not defined.");
                }

                break;
            default:
                root = data;
                break;
        }

        if (path.IsRoot)
        {
            value = root?.DeepClone();
            return true;
        }

        return path.Path.TryEvaluate(root, out value, out failure);
    }

    /// <summary>Builds a payload from a template; "$" paths read <paramref name="data"/>.</summary>
    public static JsonNode? Evaluate(StateVisit visit, PayloadTemplate template, JsonNode? data) =>
        EvaluateNode(visit, template.Root, data);

    private static JsonNode? EvaluateNode(StateVisit visit, PayloadNode node, JsonNode? data)
    {
        switch (node)
        {
            case LiteralPayloadNode literal:
                return literal.Value?.DeepClone();
            case ObjectPayloadNode obj:
            {
                var result = new JsonObject();
                foreach (var (name, field) in obj.Fields)
                {
                    result[name] = EvaluateNode(visit, field, data);
                }

                return result;
            }

            case ArrayPayloadNode array:
            {
                var result = new JsonArray();
                foreach (var item in array.Items)
                {
                    result.Add(EvaluateNode(visit, item, data));
                }

                return result;
            }

            case DynamicPayloadNode dynamic:
                return EvaluateExpression(visit, dynamic.Expression, dynamic.FieldName, data);
            default:
                throw new InvalidOperationException($"Unknown payload node {node.GetType().Name}.");
        }
    }

    /// <summary>Evaluates a path or intrinsic call written in field <paramref name="fieldName"/>.</summary>
    public static JsonNode? EvaluateExpression(StateVisit visit, ValueExpression expression, string fieldName, JsonNode? data)
    {
        if (expression.Path is { } path)
        {
            if (TryResolve(visit, path, data, out var value))
            {
                return value;
            }

            throw StateFailure.Runtime(
                visit,
                $"The JSONPath '{path.Text}' specified for the field '{fieldName}' could not be found in the input '{ToJsonText(data)}'");
        }

        try
        {
            return expression.Intrinsic!.Evaluate(
                argumentPath =>
                {
                    var argument = PathReference.Parse(argumentPath);
                    if (TryResolve(visit, argument, data, out var value))
                    {
                        return value;
                    }

                    throw StateFailure.Runtime(
                        visit,
                        $"The JSONPath '{argument.Text}' specified for the field '{fieldName}' could not be found in the input '{ToJsonText(data)}'");
                },
                // Random.Shared: thread-safe, as Parallel branches may draw at the same time.
                Random.Shared);
        }
        catch (IntrinsicFailureException e)
        {
            throw new StateFailure(e.Error, e.Message);
        }
    }

    /// <summary>Evaluates Assign and returns the new values (not yet stored), or null when there is no Assign.</summary>
    public static JsonObject? EvaluateAssign(StateVisit visit, PayloadTemplate? assign, JsonNode? data) =>
        assign is null ? null : Evaluate(visit, assign, data) as JsonObject;

    /// <summary>Stores assigned variables and returns the history form: name → JSON text.</summary>
    public static JsonObject? StoreAssigned(StateVisit visit, JsonObject? assigned)
    {
        if (assigned is null || assigned.Count == 0)
        {
            return null;
        }

        visit.Variables.AssignAll(assigned);
        var texts = new JsonObject();
        foreach (var (name, value) in assigned)
        {
            texts[name] = ToJsonText(value);
        }

        return texts;
    }

    /// <summary>Places <paramref name="result"/> into <paramref name="rawInput"/> as ResultPath says (in place).</summary>
    public static JsonNode? ApplyResultPath(StateVisit visit, ResultPath resultPath, JsonNode? rawInput, JsonNode? result)
    {
        if (resultPath.IsDiscard)
        {
            return rawInput;
        }

        if (resultPath.IsRoot)
        {
            return result;
        }

        if (result is not null && (result.Parent is not null || ReferenceEquals(result, rawInput)))
        {
            result = result.DeepClone();
        }

        try
        {
            return resultPath.Path!.SetValue(rawInput, result);
        }
        catch (JsonPathEvaluationException e)
        {
            throw new StateFailure(
                ErrorNames.ResultPathMatchFailure,
                $"Unable to apply ResultPath \"{resultPath.Path!.Text}\" to input \"{ToJsonText(rawInput)}\": {e.Message}");
        }
    }

    /// <summary>True when the UTF-8 form of the text is larger than 256 KiB.</summary>
    public static bool ExceedsLimit(string jsonText) =>
        // Each UTF-16 char is at most 3 UTF-8 bytes, so short texts need no counting.
        jsonText.Length * 3 > MaxPayloadBytes && Encoding.UTF8.GetByteCount(jsonText) > MaxPayloadBytes;

    /// <summary>JSON text as history events carry it: characters as they are (no \u0027 for an apostrophe), as AWS shows them.</summary>
    public static string ToJsonText(JsonNode? node) => node is null ? "null" : node.ToJsonString(TextOptions);

    /// <summary>Fails with States.DataLimitExceeded when a state's result is larger than 256 KiB.</summary>
    public static void CheckSize(StateVisit visit, string jsonText)
    {
        if (ExceedsLimit(jsonText))
        {
            throw new StateFailure(
                ErrorNames.DataLimitExceeded,
                $"The state/task '{visit.State.Name}' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
    }
}
