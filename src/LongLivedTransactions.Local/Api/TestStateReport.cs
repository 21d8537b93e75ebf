using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Execution.StateTesting;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// The TestState response: status, output, next state, error and cause, and at the DEBUG and TRACE levels the
/// <c>inspectionData</c>. Which steps of the pipeline it shows depends on the state type and query language, as AWS
/// shows them (a Pass state with Result shows its result but not InputPath and Parameters; a JSONata state none of the
/// JSONPath steps). TRACE adds the HTTP request and response of an HTTP Task, which this engine does not run, so it
/// shows what DEBUG shows.
/// </summary>
public static class TestStateReport
{
    public static JsonObject Build(StateTestResult result, State state, bool inspect)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(state);
        var report = new JsonObject { ["status"] = StatusText(result.Status) }
            .With("output", result.OutputJson)
            .With("nextState", result.NextState)
            .With("error", result.Error)
            .With("cause", result.Cause);
        if (inspect)
        {
            report["inspectionData"] = InspectionData(result.Inspection, state);
        }

        return report;
    }

    private static string StatusText(StateTestStatus status) => status switch
    {
        StateTestStatus.Succeeded => "SUCCEEDED",
        StateTestStatus.Failed => "FAILED",
        StateTestStatus.Retriable => "RETRIABLE",
        StateTestStatus.CaughtError => "CAUGHT_ERROR",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown test status."),
    };

    private static JsonObject InspectionData(StateInspection data, State state)
    {
        var json = new JsonObject().With("input", data.Input);
        bool jsonPath = state.DataFlow is JsonPathDataFlow;
        switch (state)
        {
            case PassState { HasResult: true } when jsonPath:
                ResultSteps(json.With("result", data.Result), data);
                break;
            case PassState or ParallelState when jsonPath:
                ResultSteps(InputSteps(json, data), data);
                break;
            case TaskState when jsonPath:
                ResultSteps(InputSteps(json, data).With("result", data.Result), data);
                break;
            case TaskState:
                json.With("afterArguments", data.AfterArguments).With("result", data.Result);
                break;
            case ParallelState:
                json.With("afterArguments", data.AfterArguments);
                break;
            case MapState when jsonPath:
                json.With("afterInputPath", data.AfterInputPath).With("afterItemsPath", data.AfterItemsPath).With("afterItemSelector", data.AfterItemSelector);
                ResultSteps(json, data);
                break;
            case MapState:
                json.With("afterItemSelector", data.AfterItemSelector);
                break;
            case FailState when jsonPath:
                // A Fail state has no InputPath: what it works on is its input.
                json.With("afterInputPath", data.Input);
                break;
            case ChoiceState or WaitState or SucceedState when jsonPath:
                json.With("afterInputPath", data.AfterInputPath);
                break;
        }

        if (state is MapState)
        {
            json.With("maxConcurrency", data.MaxConcurrency)
                .With("toleratedFailureCount", data.ToleratedFailureCount)
                .With("toleratedFailurePercentage", data.ToleratedFailurePercentage);
        }

        json.With("variables", data.Variables);
        if (data.RetryIndex is not null || data.CatchIndex is not null)
        {
            json["errorDetails"] = new JsonObject()
                .With("retryIndex", data.RetryIndex)
                .With("retryBackoffIntervalSeconds", data.RetryBackoffIntervalSeconds)
                .With("catchIndex", data.CatchIndex);
        }

        return json;
    }

    /// <summary>The JSONPath steps before the state's work: InputPath, then Parameters.</summary>
    private static JsonObject InputSteps(JsonObject json, StateInspection data) =>
        json.With("afterInputPath", data.AfterInputPath).With("afterParameters", data.AfterParameters);

    /// <summary>The JSONPath steps after the state's work: ResultSelector, then ResultPath.</summary>
    private static JsonObject ResultSteps(JsonObject json, StateInspection data) =>
        json.With("afterResultSelector", data.AfterResultSelector).With("afterResultPath", data.AfterResultPath);
}
