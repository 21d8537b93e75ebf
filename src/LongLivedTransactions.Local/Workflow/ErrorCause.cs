using System.Text.Json;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.Local.Workflow;

/// <summary>A Lambda error's cause is its error payload (JSON); its errorMessage is what a person wants to read.</summary>
public static class ErrorCause
{
    /// <summary>The errorMessage of a Lambda error payload, or the cause as it is when it is not one.</summary>
    public static string? Readable(string? cause)
    {
        if (cause is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(cause) is JsonObject error && error["errorMessage"] is JsonValue message ? message.ToString() : cause;
        }
        catch (JsonException)
        {
            return cause;
        }
    }
}
