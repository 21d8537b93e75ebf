using System.Text.Json.Nodes;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// One parsed API request: the JSON body and the region the caller signed for. Reading a member checks its
/// JSON type and constraints and answers AWS's ValidationException when they are not met. A nested structure
/// is read the same way through <see cref="OptionalStructure"/>; its messages name the member by its path
/// (<c>mock.fieldValidationMode</c>).
/// </summary>
public sealed class ApiRequest(JsonObject body, string region)
{
    private string path = string.Empty;

    public JsonObject Body { get; } = body;

    /// <summary>The region of the request's SigV4 credential scope (ARNs created by this request use it).</summary>
    public string Region { get; } = region;

    public string RequiredString(string member, int maxLength = int.MaxValue, int minLength = 0) =>
        OptionalString(member, maxLength, minLength)
        ?? throw StepFunctionsErrors.Validation($"Value null at '{path}{member}' failed to satisfy constraint: Member must not be null");

    public string? OptionalString(string member, int maxLength = int.MaxValue, int minLength = 0)
    {
        JsonNode? node = Body[member];
        if (node is null)
        {
            return null;
        }

        if (node is not JsonValue value || !value.TryGetValue(out string? text))
        {
            throw StepFunctionsErrors.Validation($"Value at '{path}{member}' failed to satisfy constraint: Member must be a string");
        }

        if (text.Length > maxLength)
        {
            throw StepFunctionsErrors.Validation(
                $"Value at '{path}{member}' failed to satisfy constraint: Member must have length less than or equal to {maxLength}");
        }

        if (text.Length < minLength)
        {
            throw StepFunctionsErrors.Validation(
                $"Value '{text}' at '{path}{member}' failed to satisfy constraint: Member must have length greater than or equal to {minLength}");
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
            throw StepFunctionsErrors.Validation($"Value at '{path}{member}' failed to satisfy constraint: Member must be an integer");
        }

        if (number < min || number > max)
        {
            throw StepFunctionsErrors.Validation(max == int.MaxValue
                ? $"Value '{number}' at '{path}{member}' failed to satisfy constraint: Member must have value greater than or equal to {min}"
                : $"Value '{number}' at '{path}{member}' failed to satisfy constraint: Member must have value between {min} and {max}");
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
            : throw StepFunctionsErrors.Validation($"Value at '{path}{member}' failed to satisfy constraint: Member must be a boolean");
    }

    public JsonObject? OptionalObject(string member) =>
        Body[member] switch
        {
            null => null,
            JsonObject structure => structure,
            _ => throw StepFunctionsErrors.Validation($"Value at '{path}{member}' failed to satisfy constraint: Member must be a structure"),
        };

    /// <summary>A nested structure, read with the same checks as the request itself.</summary>
    public ApiRequest? OptionalStructure(string member) =>
        OptionalObject(member) is { } structure ? new ApiRequest(structure, Region) { path = $"{path}{member}." } : null;

    /// <summary>A string member restricted to a set of values (an enum of the API model).</summary>
    public string? OptionalEnum(string member, params string[] allowed)
    {
        string? text = OptionalString(member);
        if (text is not null && !allowed.Contains(text, StringComparer.Ordinal))
        {
            throw StepFunctionsErrors.Validation(
                $"Value '{text}' at '{path}{member}' failed to satisfy constraint: Member must satisfy enum value set: [{string.Join(", ", allowed)}]");
        }

        return text;
    }
}
