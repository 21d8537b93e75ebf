using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>The ItemReader of a distributed Map: its resource and ReaderConfig (its Parameters or Arguments address S3, which is not read here).</summary>
internal sealed partial class DefinitionReader
{
    private const int MaxReaderItems = 100_000_000;
    private static readonly string[] InputTypes = ["CSV", "JSON", "JSONL", "MANIFEST", "PARQUET"];

    private static readonly Dictionary<string, char> CsvDelimiters = new(StringComparer.Ordinal)
    {
        ["COMMA"] = ',',
        ["PIPE"] = '|',
        ["SEMICOLON"] = ';',
        ["SPACE"] = ' ',
        ["TAB"] = '\t',
    };

    private MapItemReader? ReadItemReader(JsonObject state, string location)
    {
        if (!state.TryGetPropertyValue("ItemReader", out var readerNode))
        {
            return null;
        }

        location += "/ItemReader";
        if (readerNode is not JsonObject reader)
        {
            _diagnostics.Schema("The field 'ItemReader' must be an object.", location);
            return null;
        }

        if (!JsonFields.TryGetString(reader["Resource"], out var resource))
        {
            _diagnostics.Schema("The field 'Resource' of an ItemReader is required and must be a string.", $"{location}/Resource");
        }

        var config = reader["ReaderConfig"] as JsonObject ?? [];
        var inputType = ReadReaderChoice(config, "InputType", InputTypes, $"{location}/ReaderConfig");
        var headerLocation = ReadReaderChoice(config, "CSVHeaderLocation", ["FIRST_ROW", "GIVEN"], $"{location}/ReaderConfig");
        var delimiterName = ReadReaderChoice(config, "CSVDelimiter", [.. CsvDelimiters.Keys], $"{location}/ReaderConfig");
        string[]? headers = null;
        if (headerLocation == "GIVEN")
        {
            headers = (config["CSVHeaders"] as JsonArray)?.Select(h => JsonFields.TryGetString(h, out var name) ? name : null).OfType<string>().ToArray();
            if (headers is null || headers.Length == 0)
            {
                _diagnostics.Schema("CSVHeaderLocation GIVEN needs CSVHeaders, an array of column names.", $"{location}/ReaderConfig/CSVHeaders");
            }
        }

        int? maxItems = null;
        if (config.TryGetPropertyValue("MaxItems", out var maxNode))
        {
            if (!JsonFields.TryGetInteger(maxNode, out var max) || max < 0 || max > MaxReaderItems)
            {
                _diagnostics.Schema($"The field 'MaxItems' must be an integer between 0 and {MaxReaderItems}.", $"{location}/ReaderConfig/MaxItems");
            }
            else
            {
                maxItems = (int)max;
            }
        }

        return new MapItemReader(resource, inputType, headers, CsvDelimiters[delimiterName ?? "COMMA"], maxItems);
    }

    private string? ReadReaderChoice(JsonObject config, string field, string[] allowed, string location)
    {
        if (!config.TryGetPropertyValue(field, out var node))
        {
            return null;
        }

        if (JsonFields.TryGetString(node, out var value) && allowed.Contains(value, StringComparer.Ordinal))
        {
            return value;
        }

        _diagnostics.Schema($"The field '{field}' must be one of {string.Join(", ", allowed)}.", $"{location}/{field}");
        return null;
    }
}
