using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>Choice states: JSONPath rules (read by ChoiceRuleReader) or JSONata conditions, and the default.</summary>
internal sealed partial class DefinitionReader
{
    private ChoiceState ReadChoice(StateCommon common, JsonObject state, string location)
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
                var rule = _choiceRules.Read(choices[i], $"{location}/Choices/{i}", topLevel: true);
                if (rule is not null)
                {
                    rules.Add(rule);
                }
            }
        }

        string? defaultState = null;
        if (state.TryGetPropertyValue("Default", out var defaultNode) && !JsonFields.TryGetString(defaultNode, out defaultState!))
        {
            _diagnostics.Schema("The field 'Default' must be a string.", $"{location}/Default");
        }

        return new ChoiceState(common, rules, defaultState);
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

                FieldSchema.CheckJsonataChoiceRule(rule, ruleLocation, _diagnostics);

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
}
