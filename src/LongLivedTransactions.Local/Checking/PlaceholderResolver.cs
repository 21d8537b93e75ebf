using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Local.Workflow;

namespace LongLivedTransactions.Local.Checking;

/// <summary>
/// Makes a hand-built definition runnable on the local cloud: replaces the <c>${...}</c> placeholders for the six
/// functions and the topic, in any of the spellings <see cref="SagaFunctionNames"/> knows, or with the values given by
/// <c>--set NAME=ARN</c>; then points every task that names one of the functions (a placeholder's value, a plain name
/// or ARN, a deployed function's name) at the local function.
/// </summary>
internal sealed partial class PlaceholderResolver(LocalArns arns, IReadOnlyDictionary<string, string> givenValues)
{
    /// <summary>Resolves the definition in place; returns what could not be tied to a saga function.</summary>
    /// <exception cref="CheckInputException">The definition uses a placeholder that has no value.</exception>
    public IReadOnlyList<string> Resolve(JsonObject machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var unknown = new List<string>();
        ReplacePlaceholders(machine, "", unknown);
        if (unknown.Count > 0)
        {
            throw new CheckInputException(
                $"The definition uses placeholders that have no value: {string.Join("; ", unknown)}. "
                + $"Known names: {SagaFunctionNames.KnownPlaceholders}. Give any other as NAME=ARN (--set with check, the Values field on the console).");
        }

        var warnings = new List<string>();
        foreach (DefinitionState state in DefinitionState.All(machine))
        {
            if (state.FunctionField is not var (holder, field) || DefinitionState.Text(holder[field]) is not { } reference)
            {
                continue;
            }

            if (SagaFunctionNames.FunctionOfReference(reference) is { } function)
            {
                holder[field] = arns.Function(function);
            }
            else
            {
                warnings.Add($"{state.Location}: {reference} is none of the saga's functions ({string.Join(", ", SagaTopology.Functions.Select(f => f.Name))}); the run calls it as it is.");
            }
        }

        return warnings;
    }

    private void ReplacePlaceholders(JsonNode? node, string location, List<string> unknown)
    {
        switch (node)
        {
            case JsonObject fields:
                foreach ((string key, JsonNode? value) in fields.ToList())
                {
                    if (value is JsonValue && DefinitionState.Text(value) is { } text && Placeholder().IsMatch(text))
                    {
                        fields[key] = Substitute(text, Child(location, key), unknown);
                    }
                    else
                    {
                        ReplacePlaceholders(value, Child(location, key), unknown);
                    }
                }

                break;
            case JsonArray items:
                for (int i = 0; i < items.Count; i++)
                {
                    string itemLocation = $"{location}[{i}]";
                    if (DefinitionState.Text(items[i]) is { } text && Placeholder().IsMatch(text))
                    {
                        items[i] = Substitute(text, itemLocation, unknown);
                    }
                    else
                    {
                        ReplacePlaceholders(items[i], itemLocation, unknown);
                    }
                }

                break;
        }
    }

    private string Substitute(string text, string location, List<string> unknown) =>
        Placeholder().Replace(text, match =>
        {
            string name = match.Groups[1].Value;
            if (ValueOf(name) is { } value)
            {
                return value;
            }

            unknown.Add($"${{{name}}} at {location}");
            return match.Value;
        });

    private string? ValueOf(string placeholder) =>
        givenValues.TryGetValue(placeholder, out string? given) ? given
        : SagaFunctionNames.FunctionOfPlaceholder(placeholder) is { } function ? arns.Function(function)
        : SagaFunctionNames.IsTopicPlaceholder(placeholder) ? arns.Topic(SagaDefinition.TopicName)
        : null;

    private static string Child(string location, string key) => location.Length == 0 ? key : $"{location}.{key}";

    [GeneratedRegex(@"\$\{([^}\s]+)\}")]
    private static partial Regex Placeholder();
}
