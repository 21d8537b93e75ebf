using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Execution.StateTesting;

namespace LongLivedTransactions.Local.Api;

/// <summary>A TestState request, read and checked: the state to test and everything the test needs.</summary>
public sealed record TestStateRequest(
    TestStateDefinition Definition,
    string InputJson,
    bool Inspect,
    string? RoleArn,
    JsonObject? Variables,
    JsonObject? Context,
    StateTestMock? Mock,
    TestStateConfiguration Configuration)
{
    private const int MaxDefinitionLength = 1_048_576;
    private const int MaxDataLength = 262_144;
    private const int MaxStateNameLength = 80;

    public State State => Definition.State;

    /// <summary>
    /// Reads the members in the order TestState checks them: the request's shape, the definition, the mock, the
    /// context object, then what the state needs (a role to call a real integration).
    /// </summary>
    /// <exception cref="StepFunctionsException">The AWS error the request is answered with.</exception>
    public static TestStateRequest Read(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string definitionText = request.RequiredString("definition", MaxDefinitionLength);
        string? stateName = request.OptionalString("stateName", MaxStateNameLength, minLength: 1);
        string input = request.OptionalString("input", MaxDataLength) ?? "{}";
        bool inspect = request.OptionalEnum("inspectionLevel", "INFO", "DEBUG", "TRACE") is "DEBUG" or "TRACE";
        bool revealSecrets = request.OptionalBool("revealSecrets") ?? false;
        string? roleArn = request.OptionalString("roleArn");
        if (roleArn is not null)
        {
            StepFunctionsArns.ValidateRole(roleArn);
        }

        string? variablesText = request.OptionalString("variables", MaxDataLength);
        ApiRequest? mockMember = request.OptionalStructure("mock");
        ApiRequest? configurationMember = request.OptionalStructure("stateConfiguration");

        TestStateDefinition definition = TestStateDefinition.Read(definitionText, stateName);
        StateTestMock? mock = TestStateMock.Read(mockMember, definition.State, revealSecrets);
        JsonObject? context = TestStateContext.Read(request, definition.State, hasMock: mock is not null);
        TestStateConfiguration configuration = TestStateConfiguration.Read(configurationMember, definition.State);
        if (definition.State is TaskState && mock is null && roleArn is null)
        {
            throw StepFunctionsErrors.OperationValidation("RoleArn must be specified when testing a Task state");
        }

        RequireJson(input, "input");
        JsonObject? variables = variablesText is null
            ? null
            : RequireJson(variablesText, "variables") as JsonObject
                ?? throw StepFunctionsErrors.Validation("Value at 'variables' failed to satisfy constraint: Member must be a JSON object");
        return new TestStateRequest(definition, input, inspect, roleArn, variables, context, mock, configuration);
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
}
