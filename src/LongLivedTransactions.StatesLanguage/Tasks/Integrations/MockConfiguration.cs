using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Tasks.Integrations;

/// <summary>
/// A mock configuration in the Step Functions Local MockConfigFile format:
/// <c>StateMachines → NAME → TestCases → TEST → { STATE: RESPONSE_NAME }</c> and
/// <c>MockedResponses → RESPONSE_NAME → { "0": {"Return": ...}, "1-2": {"Throw": {"Error","Cause"}} }</c>.
/// </summary>
public sealed class MockConfiguration
{
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> _testCases;
    private readonly IReadOnlyDictionary<string, MockedResponse> _responses;

    private MockConfiguration(
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> testCases,
        IReadOnlyDictionary<string, MockedResponse> responses)
    {
        _testCases = testCases;
        _responses = responses;
    }

    /// <exception cref="FormatException">The text is not a valid mock configuration.</exception>
    public static MockConfiguration Parse(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The mock configuration is not valid JSON: {e.Message}", e);
        }

        if (root is not JsonObject rootObject)
        {
            throw new FormatException("The mock configuration must be a JSON object.");
        }

        var responses = new Dictionary<string, MockedResponse>(StringComparer.Ordinal);
        if (rootObject["MockedResponses"] is JsonObject responseObjects)
        {
            foreach (var (name, node) in responseObjects)
            {
                responses[name] = MockedResponse.Parse(name, node);
            }
        }

        var machines = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>>(StringComparer.Ordinal);
        if (rootObject["StateMachines"] is JsonObject machineObjects)
        {
            foreach (var (machineName, machineNode) in machineObjects)
            {
                var cases = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
                if (machineNode?["TestCases"] is JsonObject caseObjects)
                {
                    foreach (var (caseName, caseNode) in caseObjects)
                    {
                        cases[caseName] = ReadTestCase(machineName, caseName, caseNode, responses);
                    }
                }

                machines[machineName] = cases;
            }
        }

        return new MockConfiguration(machines, responses);
    }

    /// <summary>The invoker for one test case, or null when the configuration has no such test case.</summary>
    public MockedTaskInvoker? ForTestCase(string stateMachineName, string testCaseName)
    {
        if (!_testCases.TryGetValue(stateMachineName, out var cases) || !cases.TryGetValue(testCaseName, out var states))
        {
            return null;
        }

        return new MockedTaskInvoker(states.ToDictionary(pair => pair.Key, pair => _responses[pair.Value], StringComparer.Ordinal));
    }

    private static Dictionary<string, string> ReadTestCase(
        string machineName, string caseName, JsonNode? node, Dictionary<string, MockedResponse> responses)
    {
        if (node is not JsonObject stateObjects)
        {
            throw new FormatException($"Test case '{caseName}' of state machine '{machineName}' must be an object of state names to mocked response names.");
        }

        var states = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (stateName, responseNode) in stateObjects)
        {
            var responseName = responseNode is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
            if (responseName is null || !responses.ContainsKey(responseName))
            {
                throw new FormatException($"Test case '{caseName}' of state machine '{machineName}' maps state '{stateName}' to an unknown mocked response '{responseNode?.ToJsonString()}'.");
            }

            states[stateName] = responseName;
        }

        return states;
    }
}

/// <summary>One named mocked response: an outcome per attempt ("0", "1-2", ...).</summary>
internal sealed class MockedResponse
{
    private readonly List<(int First, int Last, MockedOutcome Outcome)> _attempts;

    private MockedResponse(List<(int First, int Last, MockedOutcome Outcome)> attempts) => _attempts = attempts;

    public static MockedResponse Parse(string name, JsonNode? node)
    {
        if (node is not JsonObject attemptObjects || attemptObjects.Count == 0)
        {
            throw new FormatException($"Mocked response '{name}' must be a non-empty object of attempt numbers to outcomes.");
        }

        var attempts = new List<(int, int, MockedOutcome)>();
        foreach (var (range, outcomeNode) in attemptObjects)
        {
            var (first, last) = ParseRange(name, range);
            attempts.Add((first, last, MockedOutcome.Parse(name, range, outcomeNode)));
        }

        attempts.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return new MockedResponse(attempts);
    }

    /// <summary>The outcome for a 0-based invocation number; past the last range the last outcome repeats.</summary>
    public MockedOutcome OutcomeFor(int invocation)
    {
        foreach (var (first, last, outcome) in _attempts)
        {
            if (invocation >= first && invocation <= last)
            {
                return outcome;
            }
        }

        return _attempts[^1].Outcome;
    }

    private static (int First, int Last) ParseRange(string name, string range)
    {
        var parts = range.Split('-');
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)
            && first <= last)
        {
            return (first, last);
        }

        throw new FormatException($"Mocked response '{name}' has an invalid attempt range '{range}' (expected \"N\" or \"N-M\").");
    }
}

/// <summary>Either a result to return or an error to throw.</summary>
internal sealed record MockedOutcome(JsonNode? Return, string? Error, string? Cause)
{
    public bool IsThrow => Error is not null;

    public static MockedOutcome Parse(string name, string range, JsonNode? node)
    {
        if (node is JsonObject outcome)
        {
            if (outcome.TryGetPropertyValue("Return", out var result))
            {
                return new MockedOutcome(result?.DeepClone(), null, null);
            }

            if (outcome["Throw"] is JsonObject thrown && thrown["Error"] is JsonValue errorValue && errorValue.TryGetValue<string>(out var error))
            {
                var cause = thrown["Cause"] is JsonValue causeValue && causeValue.TryGetValue<string>(out var text) ? text : null;
                return new MockedOutcome(null, error, cause);
            }
        }

        throw new FormatException($"Mocked response '{name}' attempt '{range}' must hold {{\"Return\": ...}} or {{\"Throw\": {{\"Error\": ..., \"Cause\": ...}}}}.");
    }
}
