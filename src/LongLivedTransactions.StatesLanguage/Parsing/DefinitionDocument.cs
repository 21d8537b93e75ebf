using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>Turns definition text (JSON, or YAML as SAM templates ship it) into a JSON tree.</summary>
internal static class DefinitionDocument
{
    public static JsonNode? Load(string? text, DiagnosticBag diagnostics)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            diagnostics.Error(DiagnosticCodes.MissingDescription, "The state machine definition is empty.", "/");
            return null;
        }

        return text.TrimStart().StartsWith('{') ? LoadJson(text, diagnostics) : LoadYaml(text, diagnostics);
    }

    private static JsonNode? LoadJson(string text, DiagnosticBag diagnostics)
    {
        try
        {
            using (var document = JsonDocument.Parse(text))
            {
                if (ReportDuplicateKeys(document.RootElement, "", diagnostics))
                {
                    return null;
                }
            }

            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            diagnostics.Error(DiagnosticCodes.InvalidJsonDescription, $"The definition is not valid JSON: {e.Message}", "/");
            return null;
        }
    }

    /// <summary>JSON allows duplicate keys; a definition must not (a duplicate under States is a duplicate state name).</summary>
    private static bool ReportDuplicateKeys(JsonElement element, string location, DiagnosticBag diagnostics)
    {
        var found = false;
        if (element.ValueKind == JsonValueKind.Object)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var propertyLocation = $"{location}/{property.Name}";
                if (!seen.Add(property.Name))
                {
                    found = true;
                    if (location.EndsWith("/States", StringComparison.Ordinal))
                    {
                        diagnostics.Error(DiagnosticCodes.DuplicateStateName, $"Duplicate State name: {property.Name}", propertyLocation);
                    }
                    else
                    {
                        diagnostics.Schema($"The field '{property.Name}' appears more than once.", propertyLocation);
                    }
                }

                found |= ReportDuplicateKeys(property.Value, propertyLocation, diagnostics);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                found |= ReportDuplicateKeys(item, $"{location}/{index++}", diagnostics);
            }
        }

        return found;
    }

    private static JsonNode? LoadYaml(string text, DiagnosticBag diagnostics)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0)
            {
                diagnostics.Error(DiagnosticCodes.MissingDescription, "The state machine definition is empty.", "/");
                return null;
            }

            return Convert(stream.Documents[0].RootNode);
        }
        catch (YamlException e)
        {
            diagnostics.Error(DiagnosticCodes.InvalidJsonDescription, $"The definition is neither valid JSON nor valid YAML: {e.Message}", "/");
            return null;
        }
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new YamlException(node.Start, node.End, "YAML aliases are not supported in definitions."),
    };

    private static JsonObject ConvertMapping(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? throw new YamlException(key.Start, key.End, "Mapping keys must be scalars.");
            if (result.ContainsKey(name))
            {
                throw new YamlException(key.Start, key.End, $"Duplicate key '{name}'.");
            }

            result[name] = Convert(value);
        }

        return result;
    }

    /// <summary>Plain scalars follow the YAML 1.2 core schema (null, booleans, numbers); quoted scalars are strings.</summary>
    private static JsonValue? ConvertScalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        // Numbers are re-read as JSON so that they behave exactly like numbers of a JSON definition.
        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return (JsonValue)JsonNode.Parse(integer.ToString(CultureInfo.InvariantCulture))!;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
        {
            return (JsonValue)JsonNode.Parse(number.ToString("R", CultureInfo.InvariantCulture))!;
        }

        return JsonValue.Create(value);
    }
}
