using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Definitions;

/// <summary>A Choice rule. Top-level rules have <see cref="Next"/>; nested rules (under And/Or/Not) do not.</summary>
public abstract class ChoiceRule(string? next, PayloadTemplate? assign)
{
    public string? Next { get; } = next;

    /// <summary>Variables assigned when this top-level rule matches.</summary>
    public PayloadTemplate? Assign { get; } = assign;
}

/// <summary>A data-test expression: <c>Variable</c>, an operator, and a value or value path.</summary>
public sealed class ComparisonRule(
    string? next, PayloadTemplate? assign, PathReference variable, ComparisonOperator comparisonOperator, JsonNode? value, PathReference? valuePath)
    : ChoiceRule(next, assign)
{
    public PathReference Variable { get; } = variable;

    public ComparisonOperator Operator { get; } = comparisonOperator;

    /// <summary>The literal operand (null for the <c>…Path</c> operators).</summary>
    public JsonNode? Value { get; } = value;

    /// <summary>The operand path of a <c>…Path</c> operator.</summary>
    public PathReference? ValuePath { get; } = valuePath;
}

public sealed class AndRule(string? next, PayloadTemplate? assign, IReadOnlyList<ChoiceRule> rules) : ChoiceRule(next, assign)
{
    public IReadOnlyList<ChoiceRule> Rules { get; } = rules;
}

public sealed class OrRule(string? next, PayloadTemplate? assign, IReadOnlyList<ChoiceRule> rules) : ChoiceRule(next, assign)
{
    public IReadOnlyList<ChoiceRule> Rules { get; } = rules;
}

public sealed class NotRule(string? next, PayloadTemplate? assign, ChoiceRule rule) : ChoiceRule(next, assign)
{
    public ChoiceRule Rule { get; } = rule;
}

/// <summary>The comparison operators of the Choice state (the <c>…Path</c> forms compare with another path).</summary>
public enum ComparisonOperator
{
    StringEquals,
    StringLessThan,
    StringGreaterThan,
    StringLessThanEquals,
    StringGreaterThanEquals,
    StringMatches,
    NumericEquals,
    NumericLessThan,
    NumericGreaterThan,
    NumericLessThanEquals,
    NumericGreaterThanEquals,
    BooleanEquals,
    TimestampEquals,
    TimestampLessThan,
    TimestampGreaterThan,
    TimestampLessThanEquals,
    TimestampGreaterThanEquals,
    IsNull,
    IsPresent,
    IsNumeric,
    IsString,
    IsBoolean,
    IsTimestamp,
}

/// <summary>A JSONata Choice rule: a Condition expression, with the Output and Assign used when it matches.</summary>
public sealed class ConditionRule(string? next, JsonataTemplate condition, JsonataTemplate? output, JsonataTemplate? assign)
    : ChoiceRule(next, null)
{
    public JsonataTemplate Condition { get; } = condition;

    public JsonataTemplate? Output { get; } = output;

    public JsonataTemplate? JsonataAssign { get; } = assign;
}
