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

    internal override JsonNode? SelectInput(StateVisit visit) => DataFlow.SelectWithPath(visit, InputPath, visit.RawInput);

    internal override JsonNode? BuildArguments(StateVisit visit, JsonNode? input) =>
        Parameters is not null ? DataFlow.Evaluate(visit, Parameters, input) : input;

    internal override FlowResult ApplyResult(StateVisit visit, JsonNode? input, JsonNode? result, int catcherCount)
    {
        var selected = ResultSelector is not null ? DataFlow.Evaluate(visit, ResultSelector, result) : result;
        var assigned = DataFlow.EvaluateAssign(visit, Assign, selected);
        var output = DataFlow.ApplyResultPath(visit, ResultPath, InputForResult(visit, catcherCount), selected);
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
        if (rule.Assign is null || DataFlow.EvaluateAssign(visit, rule.Assign, input) is not { } ruleAssigned)
        {
            return stateResult;
        }

        var assigned = stateResult.Assigned ?? new JsonObject();
        foreach (var (name, value) in ruleAssigned.ToList())
        {
            ruleAssigned.Remove(name);
            assigned[name] = value;
        }

        return stateResult with { Assigned = assigned };
    }

    /// <summary>
    /// The input that ResultPath writes into. ResultPath changes it in place; when a Catch may still
    /// need the original (a failure after ResultPath, such as an output over 256 KiB), it writes into a copy.
    /// </summary>
    private JsonNode? InputForResult(StateVisit visit, int catcherCount) =>
        catcherCount > 0 && !ResultPath.IsRoot && !ResultPath.IsDiscard ? visit.RawInput?.DeepClone() : visit.RawInput;
}
