using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>Fail: ends the graph with Error and Cause (literal, or read with ErrorPath / CausePath).</summary>
internal static class FailStateRunner
{
    public static StateFailure Fail(StateVisit visit, FailState state)
    {
        var error = state.Error ?? Read(visit, state.ErrorPath, "ErrorPath") ?? Read(visit, state.ErrorExpression, "Error");
        var cause = state.Cause ?? Read(visit, state.CausePath, "CausePath") ?? Read(visit, state.CauseExpression, "Cause");
        return new StateFailure(error, cause);
    }

    private static string? Read(StateVisit visit, JsonataTemplate? expression, string field)
    {
        if (expression is null)
        {
            return null;
        }

        var value = JsonataEvaluation.Evaluate(visit, expression, new JsonataEvaluation.StatesObject(visit.RawInput));
        if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            return text.GetValue<string>();
        }

        throw StateFailure.Runtime(visit, $"The {field} field must evaluate to a string, but the expression returned {DataFlow.ToJsonText(value)}");
    }

    private static string? Read(StateVisit visit, ValueExpression? expression, string field)
    {
        if (expression is null)
        {
            return null;
        }

        var value = DataFlow.EvaluateExpression(visit, expression, field, visit.RawInput);
        if (value is JsonValue text && text.GetValueKind() == JsonValueKind.String)
        {
            return text.GetValue<string>();
        }

        throw StateFailure.Runtime(
            visit, $"The {field} field must reference a string value, but '{expression.Text}' is {DataFlow.ToJsonText(value)}");
    }
}
