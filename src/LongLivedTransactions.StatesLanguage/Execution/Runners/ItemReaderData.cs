using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>
/// The items an ItemReader makes of its source's data: a JSON array; JSON Lines, one item per line; or CSV, one
/// object per row keyed by the header row (or the given headers), every value a string. At most MaxItems of them.
/// Data that cannot be read fails the Map with States.ItemReaderFailed.
/// </summary>
internal static class ItemReaderData
{
    public static JsonArray Read(MapItemReader reader, string data)
    {
        var items = reader.InputType switch
        {
            null or "JSON" => ReadJson(data),
            "JSONL" => ReadJsonLines(data),
            "CSV" => ReadCsv(data, reader.CsvHeaders, reader.CsvDelimiter),
            _ => throw Failed($"The input type {reader.InputType} is not read by this engine."),
        };
        return new JsonArray(items.Take(reader.MaxItems is > 0 and var max ? max : int.MaxValue).ToArray());
    }

    private static JsonNode?[] ReadJson(string data) =>
        Parse(data, "The JSON data") as JsonArray is { } array
            ? array.Select(item => item?.DeepClone()).ToArray()
            : throw Failed("The JSON data must be an array of items.");

    private static JsonNode?[] ReadJsonLines(string data) =>
        Lines(data).Select((line, index) => Parse(line, $"Line {index + 1} of the JSON Lines data")).ToArray();

    private static JsonObject[] ReadCsv(string data, IReadOnlyList<string>? givenHeaders, char delimiter)
    {
        var rows = Lines(data).Select(line => SplitCsvLine(line, delimiter)).ToList();
        var headers = givenHeaders ?? (rows.Count > 0 ? rows[0] : []);
        var records = givenHeaders is null ? rows.Skip(1) : rows;
        return records.Select((fields, index) =>
        {
            if (fields.Count > headers.Count)
            {
                throw Failed($"Row {index + 1} of the CSV data has {fields.Count} fields, but there are {headers.Count} headers.");
            }

            var item = new JsonObject();
            for (var i = 0; i < fields.Count; i++)
            {
                item[headers[i]] = fields[i];
            }

            return item;
        }).ToArray();
    }

    /// <summary>One CSV line: fields split at the delimiter, a quoted field may hold delimiters and doubled quotes.</summary>
    private static List<string> SplitCsvLine(string line, char delimiter)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == delimiter && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static IEnumerable<string> Lines(string data) =>
        data.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0);

    private static JsonNode? Parse(string text, string what)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException e)
        {
            throw Failed($"{what} is not valid JSON: {e.Message}");
        }
    }

    private static StateFailure Failed(string cause) => new(ErrorNames.ItemReaderFailed, cause);
}
