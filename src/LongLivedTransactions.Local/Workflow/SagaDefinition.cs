using System.Text.RegularExpressions;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Local.Workflow;

/// <summary>
/// Loads <c>statemachine/saga.asl.json</c> and replaces its <c>${...}</c> placeholders with local ARNs, as the CDK
/// stack does with DefinitionSubstitutions in the cloud.
/// </summary>
public static partial class SagaDefinition
{
    public const string StateMachineName = "LongLivedTransactionsSaga";
    public const string TopicName = "SagaTopic";

    public static string Load(string repositoryRoot, LocalArns arns)
    {
        string template = File.ReadAllText(Path.Combine(repositoryRoot, SagaTopology.StateMachineDefinitionPath));
        return Substitute(template, Substitutions(arns));
    }

    public static IReadOnlyDictionary<string, string> Substitutions(LocalArns arns)
    {
        var values = SagaTopology.Functions.ToDictionary(f => f.ArnPlaceholder, f => arns.Function(f.Name), StringComparer.Ordinal);
        values[SagaTopology.TopicArnPlaceholder] = arns.Topic(TopicName);
        return values;
    }

    /// <summary>Replaces every <c>${Name}</c>; a placeholder without a value is an error rather than a broken ARN.</summary>
    public static string Substitute(string template, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(template, match => values.TryGetValue(match.Groups[1].Value, out string? value)
            ? value
            : throw new InvalidOperationException($"The definition uses ${{{match.Groups[1].Value}}}, which has no value."));

    [GeneratedRegex(@"\$\{([A-Za-z0-9_]+)\}")]
    private static partial Regex Placeholder();
}
