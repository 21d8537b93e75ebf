using System.Text.Json;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>
/// The copy of a template's literal that every state visit copies again. Its strings are held as .NET strings, not as
/// parsed UTF-8: a task invoker reading one (a FunctionName, a TopicArn) then gets it without decoding it anew each time.
/// The text written for the value stays the same.
/// </summary>
internal static class LiteralValue
{
    public static JsonNode? Of(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
            {
                var copy = new JsonObject(obj.Options);
                foreach (var (name, value) in obj)
                {
                    copy.Add(name, Of(value));
                }

                return copy;
            }

            case JsonArray array:
            {
                var copy = new JsonArray(array.Options);
                foreach (var item in array)
                {
                    copy.Add(Of(item));
                }

                return copy;
            }

            case JsonValue value when value.GetValueKind() == JsonValueKind.String && TryReadString(value, out var text):
                return JsonValue.Create(text, value.Options);
            default:
                return node?.DeepClone();
        }
    }

    private static bool TryReadString(JsonValue value, out string text)
    {
        try
        {
            text = value.GetValue<string>();
            return true;
        }
        catch (InvalidOperationException)
        {
            // Text that is not valid UTF-16 (a lone surrogate escape) stays as it was parsed.
            text = "";
            return false;
        }
    }
}
