using System.Text.Json.Nodes;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// One parsed API request: the JSON body and the region the caller signed for. Reading a member checks its
/// JSON type and constraints and answers AWS's ValidationException when they are not met.
/// </summary>
public sealed class ApiRequest(JsonObject body, string region)
{
    public JsonObject Body { get; } = body;

    /// <summary>The region of the request's SigV4 credential scope (ARNs created by this request use it).</summary>
    public string Region { get; } = region;

    public string RequiredString(string member, int maxLength = int.MaxValue) =>
        OptionalString(member, maxLength)
        ?? throw StepFunctionsErrors.Validation($"Value null at '{member}' failed to satisfy constraint: Member must not be null");

    public string? OptionalString(string member, int maxLength = int.MaxValue)
    {
        JsonNode? node = Body[member];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value || !value.TryGetValue(out string? text))
        {
            throw StepFunctionsErrors.Validation($"Value at '{member}' failed to satisfy constraint: Member must be a string");
        }

        if (text.Length > maxLength)
        {
            throw StepFunctionsErrors.Validation(
                $"Value at '{member}' failed to satisfy constraint: Member must have length less than or equal to {maxLength}");
        }

        return text;
    }

    public int? OptionalInt(string member, int min, int max)
    {
        JsonNode? node = Body[member];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value || !value.TryGetValue(out int number))
        {
            throw StepFunctionsErrors.Validation($"Value at '{member}' failed to satisfy constraint: Member must be an integer");
        }

        if (number < min || number > max)
        {
            throw StepFunctionsErrors.Validation(
                $"Value '{number}' at '{member}' failed to satisfy constraint: Member must have value between {min} and {max}");
        }

        return number;
    }

    public bool? OptionalBool(string member)
    {
        JsonNode? node = Body[member];
        if (node is null)
        {
            return null;
        }

        return node is JsonValue value && value.TryGetValue(out bool flag)
            ? flag
            : throw StepFunctionsErrors.Validation($"Value at '{member}' failed to satisfy constraint: Member must be a boolean");
    }

    public JsonObject? OptionalObject(string member) =>
        Body[member] switch
        {
            null => null,
            JsonObject structure => structure,
            _ => throw StepFunctionsErrors.Validation($"Value at '{member}' failed to satisfy constraint: Member must be a structure"),
        };

    /// <summary>A string member restricted to a set of values (an enum of the API model).</summary>
    public string? OptionalEnum(string member, params string[] allowed)
    {
        string? text = OptionalString(member);
        if (text is not null && !allowed.Contains(text, StringComparer.Ordinal))
        {
            throw StepFunctionsErrors.Validation(
                $"Value '{text}' at '{member}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        }

        return text;
    }
}
