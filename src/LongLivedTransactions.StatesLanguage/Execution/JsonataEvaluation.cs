using System.Text.Json.Nodes;
using LongLivedTransactions.Jsonata;
using LongLivedTransactions.Jsonata.StepFunctions;
using LongLivedTransactions.Jsonata.Values;
using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>
/// Evaluates JSONata field values in a state: <c>$states</c> (input, result, errorOutput, context) and the
/// workflow variables are visible; an expression that fails or returns nothing fails the state with
/// States.QueryEvaluationError and AWS's cause naming the expression and the field.
/// </summary>
internal static class JsonataEvaluation
{
    public const string QueryEvaluationError = "States.QueryEvaluationError";

    /// <summary>JSONata as Step Functions runs it, with its added functions.</summary>
    public static readonly JsonataOptions Options = new()
    {
        Dialect = JsonataDialect.StepFunctions,
        Functions = StepFunctionsFunctions.Create(),
        Timeout = TimeSpan.FromSeconds(10),
    };

    /// <summary>
    /// Evaluates a state's Output. One that only names the state's input or result, or a field in them, gives that JSON
    /// itself when JSONata's conversion would not change it: recorded state data is never changed, so the output can
    /// stay where it is, as a JSONPath OutputPath leaves it, and its text is written only when someone reads it.
    /// </summary>
    public static JsonNode? EvaluateOutput(StateVisit visit, JsonataTemplate template, StatesObject states)
    {
        if (template.Root is JsonataExpressionNode { Reference: { Source: JsonataReferenceSource.Input or JsonataReferenceSource.Result } reference }
            && TryResolve(visit, states, reference, out var named) && IsNormalized(visit, named))
        {
            return named;
        }

        return Evaluate(visit, template, states);
    }

    /// <summary>Evaluates a template; <paramref name="states"/> is the <c>$states</c> object of the moment.</summary>
    public static JsonNode? Evaluate(StateVisit visit, JsonataTemplate template, StatesObject states) =>
        EvaluateNode(visit, template.Root, new StateVariables(visit, states, template));

    private static JsonNode? EvaluateNode(StateVisit visit, JsonataTemplateNode node, StateVariables variables)
    {
        switch (node)
        {
            case JsonataLiteralNode literal:
                return literal.Value?.DeepClone();
            case JsonataObjectNode obj:
            {
                var result = new JsonObject();
                var fields = obj.Fields;
                for (var i = 0; i < fields.Count; i++)
                {
                    // Indexed: a foreach over the interface would allocate an enumerator for every template.
                    var (name, field) = fields[i];
                    result[name] = EvaluateNode(visit, field, variables);
                }

                return result;
            }

            case JsonataArrayNode array:
            {
                var result = new JsonArray();
                var items = array.Items;
                for (var i = 0; i < items.Count; i++)
                {
                    result.Add(EvaluateNode(visit, items[i], variables));
                }

                return result;
            }

            default:
                var expression = (JsonataExpressionNode)node;
                return EvaluateExpression(visit, expression, variables);
        }
    }

    /// <summary>
    /// Evaluates a field that must give an array (a Map's Items). AWS names what came back when it is not one.
    /// </summary>
    public static JsonArray EvaluateArray(StateVisit visit, JsonataTemplate template, StatesObject states)
    {
        if (template.Root is not JsonataExpressionNode expression)
        {
            return Evaluate(visit, template, states) as JsonArray
                ?? throw Failure(visit, $"The field '{FieldOf(template)}' must be an array.");
        }

        var value = EvaluateValue(visit, expression, new StateVariables(visit, states, template));
        var text = expression.Expression.Text.Trim();
        return value switch
        {
            JsonataArray => (JsonArray)JsonataValue.ToJsonNode(value)!,
            JsonataFunction => throw Failure(visit, $"The JSONata expression '{text}' specified for the field '{expression.Field}' returned an unsupported result type."),
            _ => throw Failure(
                visit,
                $"The JSONata expression '{text}' specified for the field '{expression.Field}' returned an unexpected result type. Expected 'array', but was '{JsonType(value)}' for value: {DataFlow.ToJsonText(JsonataValue.ToJsonNode(value))}"),
        };
    }

    private static string FieldOf(JsonataTemplate template) => template.Root is JsonataExpressionNode expression ? expression.Field : "Items";

    private static string JsonType(object? value) => value switch
    {
        string => "string",
        double => "number",
        bool => "boolean",
        OrderedDictionary<string, object?> => "object",
        _ => "null",
    };

    private static JsonNode? EvaluateExpression(StateVisit visit, JsonataExpressionNode node, StateVariables variables)
    {
        if (node.Reference is { } reference && TryResolve(visit, variables.States, reference, out var named))
        {
            // JsonataValue.Normalize, with the check remembered: a plain copy of a node written as JSONata writes it.
            return IsNormalized(visit, named) ? named!.DeepClone() : JsonataValue.Rebuild(named);
        }

        return JsonataValue.ToJsonNode(EvaluateValue(visit, node, variables));
    }

    /// <summary><see cref="JsonataValue.IsNormalized"/>, remembered for the last node that was (see <see cref="ExecutionRun.LastNormalized"/>).</summary>
    private static bool IsNormalized(StateVisit visit, JsonNode? named)
    {
        if (named is not null && ReferenceEquals(named, visit.Run.LastNormalized))
        {
            return true;
        }

        if (!JsonataValue.IsNormalized(named))
        {
            return false;
        }

        visit.Run.LastNormalized = named;
        return true;
    }

    /// <summary>The expression's value in JSONata's model; undefined and errors fail the state.</summary>
    private static object EvaluateValue(StateVisit visit, JsonataExpressionNode node, StateVariables variables)
    {
        object? value;
        try
        {
            value = node.Expression.Evaluate(null, variables);
        }
        catch (JsonataException error)
        {
            // A coded JSONata error is a sentence of its own; the limits carry no code (as AWS words them).
            var detail = error.Code is "U1001" or "U1002" ? $": {error.Message}" : $". {error.Code}: {error.Message}";
            throw Failure(visit, $"The JSONata expression '{node.Expression.Text.Trim()}' specified for the field '{node.Field}' threw an error during evaluation{detail}");
        }

        if (value is null)
        {
            throw Failure(visit, $"The JSONata expression '{node.Expression.Text.Trim()}' specified for the field '{node.Field}' returned nothing (undefined).");
        }

        return value;
    }

    /// <summary>States.QueryEvaluationError with AWS's opening sentence.</summary>
    public static StateFailure Failure(StateVisit visit, string detail) =>
        new(QueryEvaluationError, $"An error occurred while executing the state '{visit.State.Name}' (entered at the event id #{visit.EnteredEventId}). {detail}");

    /// <summary>What <c>$states</c> holds at one point of a state (a field not available there is null).</summary>
    internal sealed record StatesObject(JsonNode? Input, JsonNode? Result = null, bool HasResult = false, JsonNode? ErrorOutput = null)
    {
        private object? _result;
        private object? _errorOutput;

        /// <summary><c>$states.result</c> in JSONata's value model, converted once for every field (Output, Assign) that reads it.</summary>
        public object? ResultValue => _result ??= JsonataValue.FromJsonNode(Result);

        /// <summary><c>$states.errorOutput</c> in JSONata's value model, converted once.</summary>
        public object? ErrorOutputValue => _errorOutput ??= JsonataValue.FromJsonNode(ErrorOutput);
    }

    /// <summary>
    /// The JSON an expression that only names a value gives, when every field on the way is an object and the value an
    /// object, a string, a number or a boolean (JSONata gives each as it is); false when the expression must be
    /// evaluated (a field missing, an array on the way or at the end, a null, no such value).
    /// </summary>
    private static bool TryResolve(StateVisit visit, StatesObject states, JsonataReference reference, out JsonNode? value)
    {
        value = reference.Source switch
        {
            JsonataReferenceSource.Input => states.Input,
            JsonataReferenceSource.Result when states.HasResult => states.Result,
            JsonataReferenceSource.ErrorOutput => states.ErrorOutput,
            JsonataReferenceSource.Variable when visit.Variables.TryGet(reference.VariableName!, out var variable) => variable,
            _ => null,
        };
        foreach (var field in reference.Fields)
        {
            if (value is not JsonObject parent || !parent.TryGetPropertyValue(field, out value))
            {
                value = null;
                break;
            }
        }

        return value is JsonObject or JsonValue;
    }

    /// <summary>The variables an expression sees, converted only when it refers to them.</summary>
    private sealed class StateVariables(StateVisit visit, StatesObject states, JsonataTemplate template) : IJsonataVariables
    {
        private object? _states;

        public StatesObject States => states;

        public bool TryGetValue(string name, out object? value)
        {
            if (name == "states")
            {
                value = _states ??= BuildStates();
                return true;
            }

            return visit.Variables.TryGetJsonata(name, out value);
        }

        private OrderedDictionary<string, object?> BuildStates()
        {
            var result = new OrderedDictionary<string, object?>(StringComparer.Ordinal) { ["input"] = visit.JsonataInput(states.Input) };
            if (template.ReadsContext)
            {
                result["context"] = visit.JsonataContext;
            }

            if (states.HasResult && template.ReadsResult)
            {
                result["result"] = states.ResultValue;
            }

            if (states.ErrorOutput is not null)
            {
                result["errorOutput"] = states.ErrorOutputValue;
            }

            return result;
        }
    }
}
