using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Data.JsonPath;
using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>
/// Evaluates Choice rules. A comparison whose Variable has the wrong type is simply false, as in AWS;
/// a Variable that does not exist is false for IsPresent and a States.Runtime error otherwise.
/// </summary>
internal static class ChoiceEvaluator
{
    public static bool Matches(StateVisit visit, ChoiceRule rule, JsonNode? input) => rule switch
    {
        AndRule and => and.Rules.All(inner => Matches(visit, inner, input)),
        OrRule or => or.Rules.Any(inner => Matches(visit, inner, input)),
        NotRule not => !Matches(visit, not.Rule, input),
        ComparisonRule comparison => Compare(visit, comparison, input),
        _ => throw new InvalidOperationException($"Unknown choice rule {rule.GetType().Name}."),
    };

    private static bool Compare(StateVisit visit, ComparisonRule rule, JsonNode? input)
    {
        var present = DataFlow.TryPeek(visit, rule.Variable, input, out var variable);
        if (rule.Operator == ComparisonOperator.IsPresent)
        {
            return present == IsTrue(rule.Value);
        }

        if (!present)
        {
            throw StateFailure.Runtime(
                visit, $"Invalid path '{rule.Variable.Text}': The choice state's condition path references an invalid value.");
        }

        var operand = rule.Value;
        if (rule.ValuePath is { } valuePath && !DataFlow.TryPeek(visit, valuePath, input, out operand))
        {
            throw StateFailure.Runtime(
                visit, $"Invalid path '{valuePath.Text}': The choice state's condition path references an invalid value.");
        }

        return rule.Operator switch
        {
            ComparisonOperator.IsNull => (variable is null) == IsTrue(operand),
            ComparisonOperator.IsNumeric => JsonNodeValues.IsNumber(variable) == IsTrue(operand),
            ComparisonOperator.IsString => JsonNodeValues.IsString(variable) == IsTrue(operand),
            ComparisonOperator.IsBoolean => JsonNodeValues.IsBoolean(variable) == IsTrue(operand),
            ComparisonOperator.IsTimestamp => TryTimestamp(variable, out _) == IsTrue(operand),
            ComparisonOperator.BooleanEquals =>
                JsonNodeValues.IsBoolean(variable) && JsonNodeValues.IsBoolean(operand) && variable!.GetValue<bool>() == operand!.GetValue<bool>(),
            ComparisonOperator.StringMatches =>
                JsonNodeValues.TryGetString(variable, out var text) && JsonNodeValues.TryGetString(operand, out var pattern)
                && WildcardPattern.Matches(text, pattern),
            >= ComparisonOperator.StringEquals and <= ComparisonOperator.StringGreaterThanEquals =>
                JsonNodeValues.TryGetString(variable, out var left) && JsonNodeValues.TryGetString(operand, out var right)
                && Holds(rule.Operator - ComparisonOperator.StringEquals, string.CompareOrdinal(left, right)),
            >= ComparisonOperator.NumericEquals and <= ComparisonOperator.NumericGreaterThanEquals =>
                JsonNodeValues.IsNumber(variable) && JsonNodeValues.IsNumber(operand)
                && Holds(rule.Operator - ComparisonOperator.NumericEquals, JsonNodeValues.CompareNumbers(variable!, operand!)),
            >= ComparisonOperator.TimestampEquals and <= ComparisonOperator.TimestampGreaterThanEquals =>
                TryTimestamp(variable, out var leftTime) && TryTimestamp(operand, out var rightTime)
                && Holds(rule.Operator - ComparisonOperator.TimestampEquals, leftTime.CompareTo(rightTime)),
            _ => throw new InvalidOperationException($"Unknown operator {rule.Operator}."),
        };
    }

    /// <summary>Offsets follow the enum order: Equals, LessThan, GreaterThan, LessThanEquals, GreaterThanEquals.</summary>
    private static bool Holds(int relation, int comparison) => relation switch
    {
        0 => comparison == 0,
        1 => comparison < 0,
        2 => comparison > 0,
        3 => comparison <= 0,
        _ => comparison >= 0,
    };

    private static bool IsTrue(JsonNode? value) => JsonNodeValues.IsBoolean(value) && value!.GetValue<bool>();

    private static bool TryTimestamp(JsonNode? value, out DateTimeOffset timestamp)
    {
        timestamp = default;
        return JsonNodeValues.TryGetString(value, out var text) && Timestamps.TryParse(text, out timestamp);
    }
}
