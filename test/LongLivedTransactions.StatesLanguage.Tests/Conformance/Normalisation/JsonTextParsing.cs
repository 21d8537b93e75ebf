using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Normalisation;

/// <summary>Where the recording replaced JSON text by the parsed value.</summary>
internal static class JsonTextParsing
{
    /// <summary>
    /// Rule 1: in every object (recursing into objects and into objects directly inside arrays), a string
    /// that starts with '{' and parses as JSON becomes the parsed value. A parsed value is not visited again.
    /// </summary>
    public static void ParseObjectText(JsonObject obj)
    {
        foreach (var key in obj.Select(property => property.Key).ToArray())
        {
            var value = obj[key];
            switch (value)
            {
                case JsonObject child:
                    ParseObjectText(child);
                    break;
                case JsonArray array:
                    foreach (var item in array.OfType<JsonObject>())
                    {
                        ParseObjectText(item);
                    }

                    break;
                case JsonValue text when text.TryGetValue<string>(out var s) && s.StartsWith('{')
                                                                          && CanonicalJson.TryParse(s, out var parsed):
                    obj[key] = parsed;
                    break;
            }
        }
    }

    /// <summary>
    /// The "_convert_output_to_json" transform of five recorded tests: in each event, the details'
    /// <c>output</c> is parsed when it is JSON text of any kind (array, string, number...).
    /// </summary>
    public static void ParseEventOutputs(JsonArray events)
    {
        foreach (var historyEvent in events.OfType<JsonObject>())
        {
            foreach (var details in historyEvent.Select(property => property.Value).OfType<JsonObject>())
            {
                if (details["output"] is JsonValue output && output.TryGetValue<string>(out var text)
                    && CanonicalJson.TryParse(text, out var parsed))
                {
                    details["output"] = parsed;
                    break;
                }
            }
        }
    }
}
