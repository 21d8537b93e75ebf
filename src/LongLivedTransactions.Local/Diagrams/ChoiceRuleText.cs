using System.Text.Encodings.Web;
using System.Text.Json;
using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.Local.Diagrams;

/// <summary>
/// A Choice rule as a short condition for a diagram's edge: <c>$.mode == "fan-out"</c>, <c>$.n &gt; 3 and ($.x is present)</c>,
/// or a JSONata rule's Condition as written.
/// </summary>
public static class ChoiceRuleText
{
    public const int MaxLength = 40;

    // Operands as written: "a+b" stays "a+b" rather than "a\u002Bb".
    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The condition, cut to <see cref="MaxLength"/> characters with an ellipsis.</summary>
    public static string Shortened(ChoiceRule rule)
    {
        string text = Of(rule);
        return text.Length > MaxLength ? string.Concat(text.AsSpan(0, MaxLength - 1), "…") : text;
    }

    public static string Of(ChoiceRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return rule switch
        {
            ConditionRule condition => condition.Condition.Text,
            AndRule and => string.Join(" and ", and.Rules.Select(r => $"({Of(r)})")),
            OrRule or => string.Join(" or ", or.Rules.Select(r => $"({Of(r)})")),
            NotRule not => $"not ({Of(not.Rule)})",
            ComparisonRule comparison => Comparison(comparison),
            _ => rule.GetType().Name,
        };
    }

    private static string Comparison(ComparisonRule rule)
    {
        string variable = rule.Variable.Text;
        bool expected = rule.Value?.GetValueKind() != JsonValueKind.False;
        string? test = rule.Operator switch
        {
            ComparisonOperator.IsNull => expected ? "is null" : "is not null",
            ComparisonOperator.IsPresent => expected ? "is present" : "is absent",
            ComparisonOperator.IsNumeric => expected ? "is numeric" : "is not numeric",
            ComparisonOperator.IsString => expected ? "is a string" : "is not a string",
            ComparisonOperator.IsBoolean => expected ? "is a boolean" : "is not a boolean",
            ComparisonOperator.IsTimestamp => expected ? "is a timestamp" : "is not a timestamp",
            _ => null,
        };
        if (test is not null)
        {
            return $"{variable} {test}";
        }

        string operand = rule.ValuePath?.Text ?? rule.Value?.ToJsonString(Readable) ?? "null";
        return $"{variable} {Symbol(rule.Operator)} {operand}";
    }

    private static string Symbol(ComparisonOperator comparison) => comparison switch
    {
        ComparisonOperator.StringEquals or ComparisonOperator.NumericEquals or ComparisonOperator.BooleanEquals or ComparisonOperator.TimestampEquals => "==",
        ComparisonOperator.StringLessThan or ComparisonOperator.NumericLessThan or ComparisonOperator.TimestampLessThan => "<",
        ComparisonOperator.StringGreaterThan or ComparisonOperator.NumericGreaterThan or ComparisonOperator.TimestampGreaterThan => ">",
        ComparisonOperator.StringLessThanEquals or ComparisonOperator.NumericLessThanEquals or ComparisonOperator.TimestampLessThanEquals => "<=",
        ComparisonOperator.StringGreaterThanEquals or ComparisonOperator.NumericGreaterThanEquals or ComparisonOperator.TimestampGreaterThanEquals => ">=",
        ComparisonOperator.StringMatches => "matches",
        _ => comparison.ToString(),
    };
}
