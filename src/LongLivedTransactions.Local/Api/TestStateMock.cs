using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Execution.StateTesting;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// The <c>mock</c> of a TestState request, checked as TestState checks it: which state types take one (a Task; a
/// Map or Parallel state needs one), one of <c>result</c> or <c>errorOutput</c>, a result that is JSON and, by
/// <c>fieldValidationMode</c>, fits the integration's response shape, the iterations of a Map, the branches of a Parallel.
/// </summary>
public static class TestStateMock
{
    public const string Strict = "STRICT";
    public const string Present = "PRESENT";
    public const string None = "NONE";

    private const int MaxResultLength = 262_144;
    private const int MaxErrorLength = 256;
    private const int MaxCauseLength = 32_768;

    /// <summary>The engine's mock, or null when the request has none.</summary>
    /// <exception cref="StepFunctionsException">ValidationException or InvalidDefinition, with TestState's wording.</exception>
    public static StateTestMock? Read(ApiRequest? mock, State state, bool revealSecrets)
    {
        if (mock is null)
        {
            return state is MapState or ParallelState
                ? throw StepFunctionsErrors.InvalidDefinition(
                    "TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]")
                : null;
        }

        if (state is not (TaskState or MapState or ParallelState))
        {
            throw StepFunctionsErrors.OperationValidation($"State type '{state.Type}' is not supported when a mock is specified");
        }

        if (revealSecrets)
        {
            throw StepFunctionsErrors.OperationValidation("TestState does not support RevealSecrets when a mock is specified.");
        }

        string? resultText = mock.OptionalString("result", MaxResultLength);
        ApiRequest? errorOutput = mock.OptionalStructure("errorOutput");
        string mode = mock.OptionalEnum("fieldValidationMode", Strict, Present, None) ?? Strict;
        if ((resultText is null) == (errorOutput is null))
        {
            throw StepFunctionsErrors.OperationValidation(resultText is null
                ? "A test mock should have one of the following fields: [result, errorOutput]."
                : "A test mock should have only one of the following fields: [result, errorOutput].");
        }

        if (errorOutput is not null)
        {
            // Both are optional in the API model; a mocked failure without an error name is refused here (see the README).
            return StateTestMock.Failing(errorOutput.RequiredString("error", MaxErrorLength), errorOutput.OptionalString("cause", MaxCauseLength));
        }

        JsonNode? result = ParseResult(resultText!);
        CheckResult(result, state, mode);
        return StateTestMock.Returning(result);
    }

    private static JsonNode? ParseResult(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            throw StepFunctionsErrors.OperationValidation("Mocked result must be valid JSON");
        }
    }

    private static void CheckResult(JsonNode? result, State state, string mode)
    {
        switch (state)
        {
            case MapState when result is not JsonArray:
            case ParallelState when result is not JsonArray:
                throw StepFunctionsErrors.OperationValidation("Mocked result must be an array.");
            case ParallelState parallel when result!.AsArray().Count != parallel.Branches.Count:
                throw StepFunctionsErrors.OperationValidation(
                    $"Mocked result must have one element per branch: the Parallel state has {parallel.Branches.Count}, the result {result.AsArray().Count}.");
            case TaskState task when mode != None && IntegrationResponseShapes.For(task.Resource) is { } shape:
                shape.Validate(result, requireMembers: mode == Strict);
                break;
        }
    }
}
