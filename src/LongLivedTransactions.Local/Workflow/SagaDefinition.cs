using System.Text.RegularExpressions;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Parsing;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.Local.Workflow;

/// <summary>
/// Loads a saga definition (<c>statemachine/saga.asl.json</c>, its JSONata flavour, or a user's own file) and replaces
/// its <c>${...}</c> placeholders with local ARNs, as the CDK stack does with DefinitionSubstitutions in the cloud.
/// </summary>
public static partial class SagaDefinition
{
    public const string StateMachineName = "LongLivedTransactionsSaga";
    public const string TopicName = "SagaTopic";

    /// <summary>The repository's definition of the given flavour, with local ARNs in place of its placeholders.</summary>
    public static string Load(string repositoryRoot, LocalArns arns, SagaQueryLanguage flavour = SagaQueryLanguage.JsonPath)
    {
        string template = File.ReadAllText(Path.Combine(repositoryRoot, SagaTopology.DefinitionPath(flavour)));
        return Substitute(template, Substitutions(arns));
    }

    /// <summary>
    /// Reads a definition file (JSON or YAML), replaces its placeholders with local ARNs and parses it.
    /// </summary>
    /// <exception cref="SagaDefinitionException">The file cannot be read, uses a placeholder that has no local value,
    /// or is not a valid state machine; the message names the file and says which.</exception>
    public static LoadedSagaDefinition Read(string file, LocalArns arns)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(arns);
        string template;
        try
        {
            template = File.ReadAllText(file);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SagaDefinitionException($"{file}: cannot read the definition: {error.Message}", error);
        }

        string text;
        try
        {
            text = Substitute(template, Substitutions(arns));
        }
        catch (InvalidOperationException error)
        {
            throw new SagaDefinitionException(
                $"{file}: {error.Message} The local cloud has values for {string.Join(", ", Substitutions(arns).Keys.Order(StringComparer.Ordinal).Select(name => "${" + name + "}"))}.",
                error);
        }

        try
        {
            return new LoadedSagaDefinition(file, text, StateMachineParser.Parse(text));
        }
        catch (InvalidDefinitionException error)
        {
            throw new SagaDefinitionException($"{file}: {error.Message}", error);
        }
    }

    public static IReadOnlyDictionary<string, string> Substitutions(LocalArns arns)
    {
        ArgumentNullException.ThrowIfNull(arns);
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

/// <summary>A saga definition file with local ARNs in place of its placeholders, and its parsed model.</summary>
/// <param name="File">The file it was read from, as given.</param>
/// <param name="Text">The definition text after substitution (JSON, or YAML when the file was YAML).</param>
/// <param name="Definition">The parsed state machine.</param>
public sealed record LoadedSagaDefinition(string File, string Text, StateMachineDefinition Definition);

/// <summary>A saga definition file that cannot be used; the message names the file and the reason.</summary>
public sealed class SagaDefinitionException : Exception
{
    public SagaDefinitionException()
    {
    }

    public SagaDefinitionException(string message)
        : base(message)
    {
    }

    public SagaDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
