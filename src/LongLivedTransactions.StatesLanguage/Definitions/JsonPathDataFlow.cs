using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.Execution.Runners;

namespace LongLivedTransactions.StatesLanguage.Definitions;

/// <summary>
/// The JSONPath data flow: InputPath → Parameters → (run) → ResultSelector → Assign → ResultPath → OutputPath.
/// Fields a state type does not have keep their defaults ($, none, $).
/// </summary>
public sealed class JsonPathDataFlow(
    PathReference? inputPath,
    PayloadTemplate? parameters,
    PayloadTemplate? resultSelector,
    ResultPath resultPath,
    PathReference? outputPath,
    PayloadTemplate? assign)
    : StateDataFlow
{
    public override string QueryLanguage => "JSONPath";

    /// <summary>The InputPath; null when the definition sets it to null (the input becomes {}).</summary>
    public PathReference? InputPath { get; } = inputPath;

    public PayloadTemplate? Parameters { get; } = parameters;

    public PayloadTemplate? ResultSelector { get; } = resultSelector;

    public ResultPath ResultPath { get; } = resultPath;

    /// <summary>The OutputPath; null when the definition sets it to null (the output becomes {}).</summary>
    public PathReference? OutputPath { get; } = outputPath;

    /// <summary>The workflow variables the state assigns when it succeeds.</summary>
    public PayloadTemplate? Assign { get; } = assign;

    internal override JsonNode? SelectInput(StateVisit visit)
    {
        var input = DataFlow.SelectWithPath(visit, InputPath, visit.RawInput);
        visit.Test?.Inspection.AfterInputPath = DataFlow.ToJsonText(input);
        return input;
    }

    internal override JsonNode? BuildArguments(StateVisit visit, JsonNode? input)
    {
        var arguments = Parameters is not null ? DataFlow.Evaluate(visit, Parameters, input) : input;
        visit.Test?.Inspection.AfterParameters = DataFlow.ToJsonText(arguments);
        return arguments;
    }

    internal override FlowResult ApplyResult(StateVisit visit, JsonNode? input, JsonNode? result)
    {
        // A test reports each step's data as it was then: ResultPath and OutputPath change it in place.
        var inspection = visit.Test?.Inspection;
        inspection?.Result = DataFlow.ToJsonText(result);
        var selected = ResultSelector is not null ? DataFlow.Evaluate(visit, ResultSelector, result) : result;
        inspection?.AfterResultSelector = DataFlow.ToJsonText(selected);
        var assigned = DataFlow.EvaluateAssign(visit, Assign, selected);
        var output = DataFlow.ApplyResultPath(visit, ResultPath, visit.RawInput, selected);
        inspection?.AfterResultPath = DataFlow.ToJsonText(output);
        return new FlowResult(DataFlow.ApplyOutputPath(visit, OutputPath, output), assigned);
    }

    internal override FlowResult ApplyCatch(StateVisit visit, Catcher catcher, JsonObject errorOutput)
    {
        var assigned = DataFlow.EvaluateAssign(visit, catcher.Assign, errorOutput);
        var output = DataFlow.ApplyResultPath(visit, catcher.ResultPath, visit.RawInput, errorOutput);
        return new FlowResult(output, assigned);
    }

    internal override bool Matches(StateVisit visit, ChoiceRule rule, JsonNode? input) => ChoiceEvaluator.Matches(visit, rule, input);

    internal override FlowResult ApplyChoiceRule(StateVisit visit, ChoiceRule rule, JsonNode? input, FlowResult stateResult)
    {
        var ruleAssigned = DataFlow.EvaluateAssign(visit, rule.Assign, input);
        return stateResult with { Assigned = stateResult.AssignedWith(ruleAssigned) };
    }
}
