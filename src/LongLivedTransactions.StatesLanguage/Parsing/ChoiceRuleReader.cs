using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>Reads Choice rules: comparisons, And / Or / Not, with Next on top-level rules only.</summary>
internal sealed class ChoiceRuleReader(DiagnosticBag diagnostics, Func<JsonNode?, string, PayloadTemplate?> compileAssign)
{
    private static readonly HashSet<string> RuleKeys = ["Variable", "Next", "Comment", "Assign", "And", "Or", "Not"];

    public ChoiceRule? Read(JsonNode? node, string location, bool topLevel)
    {
        if (node is not JsonObject rule)
        {
            diagnostics.Schema("A choice rule must be an object.", location);
            return null;
        }

        string? next = null;
        if (topLevel)
        {
            if (!JsonFields.TryGetString(rule["Next"], out var nextText))
            {
                diagnostics.Schema("The field 'Next' is required on a top-level choice rule and must be a string.", location);
            }
            else
            {
                next = nextText;
            }
        }
        else if (rule.ContainsKey("Next"))
        {
            diagnostics.Schema("Nested choice rules (under And, Or, Not) must not have 'Next'.", $"{location}/Next");
        }

        var assign = rule.TryGetPropertyValue("Assign", out var assignNode) ? compileAssign(assignNode, $"{location}/Assign") : null;

        var operators = rule.Select(p => p.Key).Where(k => !RuleKeys.Contains(k)).ToList();
        var combinators = rule.Select(p => p.Key).Where(k => k is "And" or "Or" or "Not").ToList();
        if (combinators.Count + operators.Count != 1)
        {
            diagnostics.Schema(
                "A choice rule must have exactly one comparison operator or one of 'And', 'Or', 'Not'" +
                (operators.Count + combinators.Count > 0 ? $" (found: {string.Join(", ", combinators.Concat(operators))})." : "."),
                location);
            return null;
        }

        if (combinators.Count == 1)
        {
            if (rule.ContainsKey("Variable"))
            {
                diagnostics.Schema($"A rule with '{combinators[0]}' must not have 'Variable'.", $"{location}/Variable");
            }

            return ReadCombinator(combinators[0], rule[combinators[0]], location, next, assign);
        }

        return ReadComparison(operators[0], rule, location, next, assign);
    }

    private ChoiceRule? ReadCombinator(string name, JsonNode? operand, string location, string? next, PayloadTemplate? assign)
    {
        var operandLocation = $"{location}/{name}";
        if (name == "Not")
        {
            var inner = Read(operand, operandLocation, topLevel: false);
            return inner is null ? null : new NotRule(next, assign, inner);
        }

        if (operand is not JsonArray array || array.Count == 0)
        {
            diagnostics.Schema($"The value of '{name}' must be a non-empty array of choice rules.", operandLocation);
            return null;
        }

        var rules = new List<ChoiceRule>();
        for (var i = 0; i < array.Count; i++)
        {
            var inner = Read(array[i], $"{operandLocation}/{i}", topLevel: false);
            if (inner is not null)
            {
                rules.Add(inner);
            }
        }

        if (rules.Count != array.Count)
        {
            return null;
        }

        return name == "And" ? new AndRule(next, assign, rules) : new OrRule(next, assign, rules);
    }

    private ComparisonRule? ReadComparison(string operatorName, JsonObject rule, string location, string? next, PayloadTemplate? assign)
    {
        var operatorLocation = $"{location}/{operatorName}";
        var isPathForm = operatorName.EndsWith("Path", StringComparison.Ordinal) && !operatorName.StartsWith("Is", StringComparison.Ordinal);
        var baseName = isPathForm ? operatorName[..^4] : operatorName;
        if (!Enum.TryParse<ComparisonOperator>(baseName, ignoreCase: false, out var comparison) || baseName != comparison.ToString()
            || (isPathForm && baseName is "StringMatches"))
        {
            diagnostics.Schema($"The field '{operatorName}' is not a supported choice rule operator.", operatorLocation);
            return null;
        }

        if (!JsonFields.TryGetString(rule["Variable"], out var variableText) || !PathReference.TryParse(variableText, out var variable))
        {
            diagnostics.Schema("A comparison rule needs 'Variable', a valid JSONPath string.", $"{location}/Variable");
            return null;
        }

        var operand = rule[operatorName];
        if (isPathForm)
        {
            if (!JsonFields.TryGetString(operand, out var pathText) || !PathReference.TryParse(pathText, out var valuePath))
            {
                diagnostics.Schema($"The value of '{operatorName}' must be a valid JSONPath string.", operatorLocation);
                return null;
            }

            return new ComparisonRule(next, assign, variable!, comparison, null, valuePath);
        }

        if (!OperandHasExpectedType(comparison, operand))
        {
            diagnostics.Schema($"The value of '{operatorName}' has the wrong type: {JsonFields.Describe(operand)}.", operatorLocation);
            return null;
        }

        return new ComparisonRule(next, assign, variable!, comparison, operand?.DeepClone(), null);
    }

    private static bool OperandHasExpectedType(ComparisonOperator comparison, JsonNode? operand) => comparison switch
    {
        ComparisonOperator.StringEquals or ComparisonOperator.StringLessThan or ComparisonOperator.StringGreaterThan
            or ComparisonOperator.StringLessThanEquals or ComparisonOperator.StringGreaterThanEquals or ComparisonOperator.StringMatches
            => JsonFields.TryGetString(operand, out _),
        ComparisonOperator.TimestampEquals or ComparisonOperator.TimestampLessThan or ComparisonOperator.TimestampGreaterThan
            or ComparisonOperator.TimestampLessThanEquals or ComparisonOperator.TimestampGreaterThanEquals
            => JsonFields.TryGetString(operand, out var text) && Execution.Timestamps.TryParse(text, out _),
        ComparisonOperator.NumericEquals or ComparisonOperator.NumericLessThan or ComparisonOperator.NumericGreaterThan
            or ComparisonOperator.NumericLessThanEquals or ComparisonOperator.NumericGreaterThanEquals
            => JsonFields.TryGetNumber(operand, out _),
        _ => JsonFields.TryGetBoolean(operand, out _),
    };
}
