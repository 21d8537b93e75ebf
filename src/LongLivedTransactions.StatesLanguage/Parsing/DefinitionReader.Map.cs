using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>Map states: the item processor, the items and the concurrency and failure tolerance settings.</summary>
internal sealed partial class DefinitionReader
{
    private static readonly string[] UnsupportedMapFields = ["ResultWriter", "ItemBatcher"];

    private MapState? ReadMap(StateCommon common, JsonObject state, string location)
    {
        foreach (var unsupported in UnsupportedMapFields)
        {
            if (state.ContainsKey(unsupported))
            {
                _diagnostics.Schema($"The field '{unsupported}' (Distributed Map with external items or results) is not supported by this engine.", $"{location}/{unsupported}");
            }
        }

        var processorField = state.ContainsKey("ItemProcessor") ? "ItemProcessor" : "Iterator";
        if (state.ContainsKey("ItemProcessor") && state.ContainsKey("Iterator"))
        {
            _diagnostics.Schema("A Map state must not have both 'ItemProcessor' and 'Iterator'.", location);
        }

        if (state[processorField] is not JsonObject processor)
        {
            _diagnostics.Schema("The field 'ItemProcessor' (or 'Iterator') is required and must be an object.", $"{location}/{processorField}");
            return null;
        }

        var mode = "INLINE";
        if (processor["ProcessorConfig"] is JsonObject config && config.TryGetPropertyValue("Mode", out var modeNode))
        {
            if (!JsonFields.TryGetString(modeNode, out mode) || mode is not ("INLINE" or "DISTRIBUTED"))
            {
                _diagnostics.Schema("ProcessorConfig 'Mode' must be \"INLINE\" or \"DISTRIBUTED\".", $"{location}/{processorField}/ProcessorConfig/Mode");
                mode = "INLINE";
            }
        }

        var graph = ReadGraph(processor, $"{location}/{processorField}", allowProcessorConfig: true);
        if (state.ContainsKey("ItemSelector") && state.ContainsKey("Parameters"))
        {
            _diagnostics.Schema("A Map state must not have both 'ItemSelector' and 'Parameters'.", location);
        }

        var itemsPath = PathReference.Root;
        if (state.TryGetPropertyValue("ItemsPath", out var itemsPathNode))
        {
            itemsPath = ReadPath(itemsPathNode, "ItemsPath", $"{location}/ItemsPath") ?? PathReference.Root;
        }

        int? maxConcurrency = null;
        if (state.TryGetPropertyValue("MaxConcurrency", out var concurrencyNode) && !IsJsonataExpression(concurrencyNode))
        {
            if (!JsonFields.TryGetInteger(concurrencyNode, out var value) || value < 0 || value > int.MaxValue)
            {
                _diagnostics.Schema("The field 'MaxConcurrency' must be a non-negative integer.", $"{location}/MaxConcurrency");
            }
            else
            {
                maxConcurrency = (int)value;
            }
        }

        int? toleratedCount = null;
        if (state.TryGetPropertyValue("ToleratedFailureCount", out var countNode) && !IsJsonataExpression(countNode))
        {
            if (!JsonFields.TryGetInteger(countNode, out var value) || value < 0 || value > int.MaxValue)
            {
                _diagnostics.Schema("The field 'ToleratedFailureCount' must be a non-negative integer.", $"{location}/ToleratedFailureCount");
            }
            else
            {
                toleratedCount = (int)value;
            }
        }

        double? toleratedPercentage = null;
        if (state.TryGetPropertyValue("ToleratedFailurePercentage", out var percentageNode) && !IsJsonataExpression(percentageNode))
        {
            if (!JsonFields.TryGetNumber(percentageNode, out var value) || value < 0 || value > 100)
            {
                _diagnostics.Schema("The field 'ToleratedFailurePercentage' must be a number between 0 and 100.", $"{location}/ToleratedFailurePercentage");
            }
            else
            {
                toleratedPercentage = value;
            }
        }

        PathReference? OptionalPath(string field) =>
            state.TryGetPropertyValue(field, out var node) ? ReadPath(node, field, $"{location}/{field}") : null;

        var settings = new MapSettings(
            graph ?? new StateGraph("", new Dictionary<string, State>(), null),
            mode,
            itemsPath,
            _jsonata ? null : ReadTemplate(state, state.ContainsKey("ItemSelector") ? "ItemSelector" : "Parameters", location),
            maxConcurrency,
            OptionalPath("MaxConcurrencyPath"),
            toleratedCount,
            OptionalPath("ToleratedFailureCountPath"),
            toleratedPercentage,
            OptionalPath("ToleratedFailurePercentagePath"),
            ReadErrorHandling(state, location),
            ReadOptionalString(state, "Label", location),
            _jsonata ? ReadMapJsonataFields(state, location) : null,
            ReadItemReader(state, location));
        return graph is null ? null : new MapState(common, settings);
    }

    private bool IsJsonataExpression(JsonNode? node) => _jsonata && JsonataTemplateCompiler.IsExpression(node, out _);

    /// <summary>The JSONata Map fields; the item processor and the rest are read as for any Map.</summary>
    private MapJsonataFields ReadMapJsonataFields(JsonObject state, string location)
    {
        JsonataTemplate? Optional(string field) => OptionalJsonata(state, field, location);
        return new MapJsonataFields(
            Optional("Items"),
            Optional("ItemSelector"),
            Optional("MaxConcurrency"),
            Optional("ToleratedFailureCount"),
            Optional("ToleratedFailurePercentage"));
    }
}
