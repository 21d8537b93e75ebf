using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// The <c>context</c> of a TestState request: the context object the state sees in place of the one an execution
/// would build. Only with a mock; only the fields an execution's context object has, with their types; no
/// <c>Map</c>; <c>Task</c> only for a task that waits for a token or a job (<c>.waitForTaskToken</c>, <c>.sync</c>).
/// </summary>
public static class TestStateContext
{
    private const string Prefix = "Invalid Context object provided: ";
    private const int MaxLength = 262_144;

    private enum Kind
    {
        Text,
        Integer,
        Any,
    }

    private static readonly Dictionary<string, Dictionary<string, Kind>> Sections = new(StringComparer.Ordinal)
    {
        ["Execution"] = new Dictionary<string, Kind>(StringComparer.Ordinal)
        {
            ["Id"] = Kind.Text,
            ["Input"] = Kind.Any,
            ["Name"] = Kind.Text,
            ["RoleArn"] = Kind.Text,
            ["StartTime"] = Kind.Text,
            ["RedriveCount"] = Kind.Integer,
            ["RedriveTime"] = Kind.Text,
        },
        ["State"] = new Dictionary<string, Kind>(StringComparer.Ordinal)
        {
            ["EnteredTime"] = Kind.Text,
            ["Name"] = Kind.Text,
            ["RetryCount"] = Kind.Integer,
        },
        ["StateMachine"] = new Dictionary<string, Kind>(StringComparer.Ordinal)
        {
            ["Id"] = Kind.Text,
            ["Name"] = Kind.Text,
        },
        ["Task"] = new Dictionary<string, Kind>(StringComparer.Ordinal)
        {
            ["Token"] = Kind.Text,
        },
    };

    /// <summary>The context object, or null when the request gives none.</summary>
    /// <exception cref="StepFunctionsException">ValidationException naming what does not fit.</exception>
    public static JsonObject? Read(ApiRequest request, State state, bool hasMock)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? text = request.OptionalString("context", MaxLength);
        if (text is null)
        {
            return null;
        }

        if (!hasMock)
        {
            throw StepFunctionsErrors.OperationValidation("TestState accepts a Context object only when a mock is specified.");
        }

        JsonObject context = Parse(text);
        foreach (var (name, value) in context)
        {
            if (name == "Map")
            {
                throw Invalid("'Map' field is not supported when mocking a Context object");
            }

            if (!Sections.TryGetValue(name, out Dictionary<string, Kind>? fields))
            {
                throw Invalid($"Field '{name}' is not allowed");
            }

            CheckSection(name, value, fields);
        }

        if (context.ContainsKey("Task") && !WaitsForCallback(state))
        {
            throw Invalid("Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern");
        }

        return context;
    }

    private static void CheckSection(string section, JsonNode? value, Dictionary<string, Kind> fields)
    {
        if (value is not JsonObject members)
        {
            throw Invalid($"{section} must be an object");
        }

        foreach (var (name, member) in members)
        {
            if (!fields.TryGetValue(name, out Kind kind))
            {
                throw Invalid($"Field '{name}' is not allowed");
            }

            bool fits = kind switch
            {
                Kind.Text => member is JsonValue text && text.GetValueKind() == JsonValueKind.String,
                Kind.Integer => member is JsonValue number && number.GetValueKind() == JsonValueKind.Number && number.TryGetValue(out long _),
                _ => true,
            };
            if (!fits)
            {
                throw Invalid($"{section}.{name} must be {(kind == Kind.Text ? "a string" : "an integer")}");
            }
        }
    }

    private static bool WaitsForCallback(State state) =>
        state is TaskState task
        && (task.Resource.EndsWith(".waitForTaskToken", StringComparison.Ordinal) || task.Resource.Contains(".sync", StringComparison.Ordinal));

    private static JsonObject Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw Invalid("the Context object must be a JSON object");
        }
        catch (JsonException e)
        {
            throw Invalid($"the Context object is not valid JSON: {e.Message}");
        }
    }

    private static StepFunctionsException Invalid(string detail) => StepFunctionsErrors.OperationValidation(Prefix + detail);
}
