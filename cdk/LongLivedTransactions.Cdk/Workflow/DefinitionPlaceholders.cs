using System.Text.RegularExpressions;

namespace LongLivedTransactions.Cdk.Workflow;

/// <summary>The <c>${Name}</c> placeholders of a state-machine definition, which CloudFormation substitutes.</summary>
public static partial class DefinitionPlaceholders
{
    public static IReadOnlySet<string> In(string definition) =>
        PlaceholderPattern().Matches(definition).Select(match => match.Groups["name"].Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Fails the synth when the definition and the substitutions disagree: a placeholder without a value would
    /// only be noticed by CloudFormation, and a value without a placeholder means a resource the workflow never uses.
    /// </summary>
    public static void EnsureMatch(string definition, IEnumerable<string> substitutionNames)
    {
        IReadOnlySet<string> used = In(definition);
        var provided = substitutionNames.ToHashSet(StringComparer.Ordinal);

        string[] missing = [.. used.Where(name => !provided.Contains(name)).Order(StringComparer.Ordinal)];
        string[] unused = [.. provided.Where(name => !used.Contains(name)).Order(StringComparer.Ordinal)];
        if (missing.Length > 0 || unused.Length > 0)
        {
            throw new InvalidOperationException(
                "The state-machine definition and its substitutions disagree. " +
                $"Placeholders without a value: [{string.Join(", ", missing)}]; values without a placeholder: [{string.Join(", ", unused)}].");
        }
    }

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z0-9_]+)\}")]
    private static partial Regex PlaceholderPattern();
}
