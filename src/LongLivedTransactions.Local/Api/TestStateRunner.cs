using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.History;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// TestState: runs one state on the engine, through a <see cref="TestStateMachine"/>, and reports its output, the
/// state that would come next and the status (SUCCEEDED, FAILED, CAUGHT_ERROR or RETRIABLE). A <c>mock</c> answers
/// the Task instead of the real integration. Retries are not run: a failure a Retry rule matches is RETRIABLE,
/// with the back-off AWS would wait, as TestState reports it.
/// </summary>
public sealed class TestStateRunner(ExecutionEngine engine, string accountId)
{
    private const string DefaultStateName = "TestState";
    private const string MockTestCase = "Mock";
    private const string MockResponse = "MockedResult";

    public async Task<JsonObject> RunAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string definitionText = request.RequiredString("definition");
        string? stateName = request.OptionalString("stateName");
        string input = request.OptionalString("input") ?? "{}";
        bool debug = request.OptionalEnum("inspectionLevel", "INFO", "DEBUG", "TRACE") is "DEBUG" or "TRACE";
        string roleArn = request.OptionalString("roleArn") ?? $"arn:aws:iam::{accountId}:role/TestStateRole";
        StepFunctionsArns.ValidateRole(roleArn);
        JsonObject? variables = ParseVariables(request.OptionalString("variables"));
        int retryCount = request.OptionalObject("stateConfiguration")?["retrierRetryCount"] is JsonValue count
            && count.TryGetValue(out int retries) && retries >= 0 ? retries : 0;
        RequireJson(input, "input");

        (string name, JsonObject state) = ReadState(definitionText, stateName);
        var machine = new TestStateMachine(name, state, variables);
        State checkedState = StateMachineRegistry.ParseDefinition(machine.ToDefinition(includeRetry: true)).States[name];
        StateMachineDefinition runnable = StateMachineRegistry.ParseDefinition(machine.ToDefinition(includeRetry: false));
        IReadOnlyList<ITaskInvoker>? mocked = Mock(request.OptionalObject("mock"), checkedState);

        string stateMachineArn = $"arn:aws:states:{request.Region}:{accountId}:stateMachine:{DefaultStateName}";
        string executionName = Guid.NewGuid().ToString();
        Execution execution = engine.Start(new ExecutionRequest(
            stateMachineArn,
            $"arn:aws:states:{request.Region}:{accountId}:execution:{DefaultStateName}:{executionName}",
            executionName,
            runnable,
            input,
            roleArn,
            mocked));
        try
        {
            await execution.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            execution.Stop("States.Runtime", "The TestState request was cancelled.");
            throw;
        }

        return Report(execution, machine, checkedState, retryCount, variables, debug);
    }

    private static JsonObject Report(
        Execution execution, TestStateMachine machine, State state, int retryCount, JsonObject? variables, bool debug)
    {
        IReadOnlyList<HistoryEvent> history = execution.GetHistory();
        HistoryEvent? entered = history.FirstOrDefault(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal) && NameOf(e) == machine.StateName);
        HistoryEvent? exited = history.FirstOrDefault(e => e.Type.EndsWith("StateExited", StringComparison.Ordinal) && NameOf(e) == machine.StateName);
        HistoryEvent? taskFailure = history.FirstOrDefault(e => e.Type is "TaskFailed" or "TaskTimedOut" or "LambdaFunctionFailed" or "LambdaFunctionTimedOut");
        bool stateFailed = taskFailure is not null || history.Any(e => e.Type is "ParallelStateFailed" or "MapStateFailed");
        string? nextState = history
            .Where(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal))
            .Select(NameOf)
            .Select(n => n is not null && machine.TargetsByStandIn.TryGetValue(n, out string? target) ? target : null)
            .FirstOrDefault(t => t is not null);

        var json = new JsonObject();
        string? error = taskFailure?.Details?["error"]?.GetValue<string>() ?? execution.Error;
        string? cause = taskFailure?.Details?["cause"]?.GetValue<string>() ?? execution.Cause;
        int retrierIndex = error is null ? -1 : MatchingRetrierIndex(state, error);
        Retrier? retrier = retrierIndex < 0 ? null : Retriers(state)[retrierIndex];
        if (error is not null && retrier is not null && retryCount < retrier.MaxAttempts)
        {
            json["status"] = "RETRIABLE";
            json["nextState"] = machine.StateName;
            json.With("error", error).With("cause", cause);
            if (debug)
            {
                var inspection = Inspection(history, entered, exited: null, state, variables);
                inspection["errorDetails"] = new JsonObject
                {
                    ["retryIndex"] = retrierIndex,
                    ["retryBackoffIntervalSeconds"] = (int)Math.Round(ErrorMatching.BackoffSeconds(retrier, retryCount)),
                };
                json["inspectionData"] = inspection;
            }

            return json;
        }

        bool succeeded = execution.Status == ExecutionStatus.Succeeded;
        // A caught error still exits the state (as AWS records it); the run then goes on to the Catch target.
        bool caught = succeeded && stateFailed && entered is not null && nextState is not null;
        json["status"] = caught ? "CAUGHT_ERROR" : succeeded ? "SUCCEEDED" : "FAILED";
        if (succeeded)
        {
            json.With("output", execution.OutputJson).With("nextState", nextState);
        }

        if (caught || !succeeded)
        {
            json.With("error", error).With("cause", cause);
        }

        if (debug)
        {
            // After a caught error the state's exit carries the Catch's ResultPath, not the state's own data flow.
            json["inspectionData"] = Inspection(history, entered, caught ? null : exited, state, variables);
        }

        return json;
    }

    private static string? NameOf(HistoryEvent historyEvent) => historyEvent.Details?["name"]?.GetValue<string>();

    /// <summary>The data-flow steps the history shows: input, InputPath, parameters, task result, result path and variables.</summary>
    private static JsonObject Inspection(IReadOnlyList<HistoryEvent> history, HistoryEvent? entered, HistoryEvent? exited, State state, JsonObject? variables)
    {
        var inspection = new JsonObject();
        string? input = entered?.Details?["input"]?.GetValue<string>();
        inspection.With("input", input);
        if (input is not null)
        {
            inspection.With("afterInputPath", AfterInputPath(state, input));
        }

        HistoryEvent? scheduled = history.FirstOrDefault(e => e.Type is "TaskScheduled" or "LambdaFunctionScheduled");
        inspection.With("afterParameters", scheduled?.Details?["parameters"]?.GetValue<string>() ?? scheduled?.Details?["input"]?.GetValue<string>());
        HistoryEvent? taskSucceeded = history.FirstOrDefault(e => e.Type is "TaskSucceeded" or "LambdaFunctionSucceeded");
        string? result = taskSucceeded?.Details?["output"]?.GetValue<string>();
        inspection.With("result", result);
        if (result is not null && state is TaskState { DataFlow: JsonPathDataFlow { ResultSelector: null } })
        {
            inspection["afterResultSelector"] = result;
        }

        if (exited?.Details?["output"]?.GetValue<string>() is { } output && state.DataFlow is JsonPathDataFlow { OutputPath: { IsRoot: true, Source: PathSource.Input } })
        {
            inspection["afterResultPath"] = output;
        }

        var allVariables = (JsonObject?)variables?.DeepClone() ?? [];
        if (exited?.Details?["assignedVariables"] is JsonObject assigned)
        {
            foreach (var (name, valueText) in assigned)
            {
                allVariables[name] = valueText is null ? null : JsonNode.Parse(valueText.GetValue<string>());
            }
        }

        if (allVariables.Count > 0)
        {
            inspection["variables"] = allVariables.ToJsonString();
        }

        return inspection;
    }

    private static string? AfterInputPath(State state, string input)
    {
        if (state.DataFlow is not JsonPathDataFlow { InputPath: { } inputPath })
        {
            return "{}";
        }

        // A path into the context object or a variable is not shown: only the state input is at hand here.
        if (inputPath.Source != PathSource.Input)
        {
            return null;
        }

        return inputPath.Path.TryEvaluate(JsonNode.Parse(input), out JsonNode? value) ? value?.ToJsonString() ?? "null" : null;
    }

    private static int MatchingRetrierIndex(State state, string error)
    {
        IReadOnlyList<Retrier> retriers = Retriers(state);
        for (int i = 0; i < retriers.Count; i++)
        {
            if (ErrorMatching.Matches(retriers[i].ErrorEquals, error, isTask: state is TaskState))
            {
                return i;
            }
        }

        return -1;
    }

    private static IReadOnlyList<Retrier> Retriers(State state) => state switch
    {
        TaskState task => task.ErrorHandling.Retriers,
        ParallelState parallel => parallel.ErrorHandling.Retriers,
        MapState map => map.ErrorHandling.Retriers,
        _ => [],
    };

    /// <summary>The state to test: the definition itself, or the state <paramref name="stateName"/> of a whole state machine.</summary>
    private static (string Name, JsonObject State) ReadState(string definitionText, string? stateName)
    {
        JsonNode? definition;
        try
        {
            definition = JsonNode.Parse(definitionText);
        }
        catch (JsonException invalid)
        {
            throw StepFunctionsErrors.InvalidDefinition($"Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: {invalid.Message}'");
        }

        if (definition is not JsonObject root)
        {
            throw StepFunctionsErrors.InvalidDefinition("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The definition must be a JSON object'");
        }

        if (stateName is null)
        {
            return root["States"] is null
                ? (DefaultStateName, root)
                : throw StepFunctionsErrors.Validation("Value null at 'stateName' failed to satisfy constraint: a whole state machine definition needs the name of the state to test");
        }

        return root["States"]?[stateName] is JsonObject state
            ? (stateName, state)
            : throw StepFunctionsErrors.Validation($"Value '{stateName}' at 'stateName' failed to satisfy constraint: the definition has no such state");
    }

    private static JsonObject? ParseVariables(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return RequireJson(text, "variables") as JsonObject
            ?? throw StepFunctionsErrors.Validation("Value at 'variables' failed to satisfy constraint: Member must be a JSON object");
    }

    private static JsonNode? RequireJson(string text, string member)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException invalid)
        {
            throw StepFunctionsErrors.InvalidExecutionInput($"Invalid {member}: '{invalid.Message}'");
        }
    }

    /// <summary>The mock as a one-state test case of a mock configuration, so that the engine's mock invoker answers it.</summary>
    private static IReadOnlyList<ITaskInvoker>? Mock(JsonObject? mock, State state)
    {
        if (mock is null)
        {
            return null;
        }

        JsonObject outcome;
        if (mock["result"] is JsonValue resultValue && resultValue.TryGetValue(out string? resultText))
        {
            outcome = new JsonObject { ["Return"] = RequireJson(resultText, "mock.result") };
        }
        else if (mock["errorOutput"] is JsonObject errorOutput && errorOutput["error"] is JsonValue errorValue && errorValue.TryGetValue(out string? mockError))
        {
            var thrown = new JsonObject { ["Error"] = mockError };
            if (errorOutput["cause"] is JsonValue causeValue && causeValue.TryGetValue(out string? mockCause))
            {
                thrown["Cause"] = mockCause;
            }

            outcome = new JsonObject { ["Throw"] = thrown };
        }
        else
        {
            throw StepFunctionsErrors.Validation("Value at 'mock' failed to satisfy constraint: a mock needs either result or errorOutput.error");
        }

        if (state is not TaskState)
        {
            throw StepFunctionsErrors.Validation($"Value at 'mock' failed to satisfy constraint: only a Task state can be mocked, not a {state.Type} state");
        }

        var configuration = new JsonObject
        {
            ["StateMachines"] = new JsonObject
            {
                [DefaultStateName] = new JsonObject { ["TestCases"] = new JsonObject { [MockTestCase] = new JsonObject { [state.Name] = MockResponse } } },
            },
            ["MockedResponses"] = new JsonObject { [MockResponse] = new JsonObject { ["0"] = outcome } },
        };
        MockedTaskInvoker invoker = MockConfiguration.Parse(configuration.ToJsonString()).ForTestCase(DefaultStateName, MockTestCase)
            ?? throw new InvalidOperationException("The mock configuration built for TestState has no test case.");
        return [invoker];
    }
}
