using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Data;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.History;

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

    /// <summary>How state data is written as text: characters as they are (no \u0027 for an apostrophe), as AWS shows them.</summary>
    internal static readonly JsonSerializerOptions TextOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The writer settings that <see cref="TextOptions"/> stands for.</summary>
    internal static readonly JsonWriterOptions TextWriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// OutputPath. The selected part is handed on as it is, still inside the state's output: recorded state data
    /// is never changed, so it need not be copied (the hot path of every state).
    /// </summary>
    public static JsonNode? ApplyOutputPath(StateVisit visit, PathReference? path, JsonNode? output)
    {
        if (path is not null && path.Source == PathSource.Input && !path.IsRoot && path.Path.TryGetNode(output, out var selected))
        {
            return selected;
        }

        return SelectWithPath(visit, path, output);
    }

    /// <summary>The node itself when it is a tree of its own, else a copy (a node belongs to one parent at most).</summary>
    public static JsonNode? Owned(JsonNode? node) => node?.Parent is null ? node : node.DeepClone();

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
                var fields = obj.Fields;
                for (var i = 0; i < fields.Count; i++)
                {
                    // Indexed: a foreach over the interface would allocate an enumerator for every payload.
                    var (name, field) = fields[i];
                    result[name] = Owned(EvaluateNode(visit, field, data));
                }

                return result;
            }

            case ArrayPayloadNode array:
            {
                var result = new JsonArray();
                var items = array.Items;
                for (var i = 0; i < items.Count; i++)
                {
                    result.Add(Owned(EvaluateNode(visit, items[i], data)));
                }

                return result;
            }

            case DynamicPayloadNode { Expression.Path: { Source: PathSource.Input, IsRoot: true } }:
                // "$": state data never changes once recorded, so the payload can hold the data itself, not a copy
                // (the object or array that takes it copies it if it already has a place elsewhere).
                return data;
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

        return EvaluateIntrinsic(visit, expression.Intrinsic!, fieldName, data);
    }

    // A method of its own: the lambda's captured variables would otherwise be hoisted into a closure object that every
    // path expression allocates too.
    private static JsonNode? EvaluateIntrinsic(StateVisit visit, IntrinsicFunctionCall intrinsic, string fieldName, JsonNode? data)
    {
        try
        {
            return intrinsic.Evaluate(
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

    /// <summary>
    /// Stores assigned variables and returns the history form: name → JSON text, written when the history is read
    /// (a variable's value never changes; a new assignment replaces it).
    /// </summary>
    public static KeyValuePair<string, JsonText>[]? StoreAssigned(StateVisit visit, JsonObject? assigned)
    {
        if (assigned is null || assigned.Count == 0)
        {
            return null;
        }

        var texts = new KeyValuePair<string, JsonText>[assigned.Count];
        for (var i = 0; i < texts.Length; i++)
        {
            var (name, value) = assigned.GetAt(i);
            texts[i] = new(name, JsonText.Later(value));
        }

        visit.Variables.TakeAll(assigned);
        return texts;
    }

    /// <summary>
    /// Places <paramref name="result"/> into <paramref name="rawInput"/> as ResultPath says. The input was recorded
    /// (StateEntered) and recorded data never changes, so the result goes into a copy of it.
    /// </summary>
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

        try
        {
            return resultPath.Path!.SetValue(rawInput?.DeepClone(), result);
        }
        catch (JsonPathEvaluationException e)
        {
            throw new StateFailure(
                ErrorNames.ResultPathMatchFailure,
                $"Unable to apply ResultPath \"{resultPath.Path!.Text}\" to input \"{ToJsonText(rawInput)}\": {e.Message}");
        }
    }

    /// <summary>JSON text as history events carry it: characters as they are (no \u0027 for an apostrophe), as AWS shows them.</summary>
    public static string ToJsonText(JsonNode? node) => node is null ? "null" : node.ToJsonString(TextOptions);

    /// <summary>True when the UTF-8 text of the value is larger than 256 KiB (measured only when its bound is above that).</summary>
    public static bool ExceedsLimit(JsonText text, JsonSize sizes) =>
        text.MaxBytes > MaxPayloadBytes && (text.Node is { } node ? sizes.Utf8Bytes(node) : Encoding.UTF8.GetByteCount(text.Text)) > MaxPayloadBytes;

    /// <summary>
    /// The text of a state's output. When the output is a part of the state's input or of its task result, it is written
    /// when somebody reads it, and their size bound holds for it too. A new value (a JSONata Output, a copy of the input
    /// that ResultPath wrote into) is written now: its text is smaller than its tree, which would otherwise live as long
    /// as the history.
    /// </summary>
    public static JsonText TextOf(StateVisit visit, JsonNode? output, JsonText? result)
    {
        if (IsWithin(output, visit.RawInput))
        {
            return JsonText.Within(output, visit.RawInputText.MaxBytes);
        }

        return result?.Node is { } resultNode && IsWithin(output, resultNode)
            ? JsonText.Within(output, result.MaxBytes)
            : JsonText.Of(ToJsonText(output));
    }

    private static bool IsWithin(JsonNode? node, JsonNode? root)
    {
        for (var at = node; at is not null && root is not null; at = at.Parent)
        {
            if (ReferenceEquals(at, root))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Fails with States.DataLimitExceeded when a state's result is larger than 256 KiB.</summary>
    public static void CheckSize(StateVisit visit, JsonText text)
    {
        if (ExceedsLimit(text, visit.Run.Sizes))
        {
            throw new StateFailure(
                ErrorNames.DataLimitExceeded,
                $"The state/task '{visit.State.Name}' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
    }
}
