using System.CommandLine;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Local.Cli;

/// <summary>The options <c>--flavour jsonpath|jsonata</c> and <c>--definition FILE</c>, which exclude each other.</summary>
public sealed class SagaDefinitionOptions
{
    private readonly Option<SagaQueryLanguage?> flavour = OptionValues.Create<SagaQueryLanguage?>(
        "--flavour",
        "jsonpath|jsonata",
        "Run one of the repository's definitions: statemachine/saga.asl.json (jsonpath, the default) or statemachine/saga.jsonata.asl.json.",
        text => SagaTopology.ParseQueryLanguage(text) is { } language
            ? (language, null)
            : (null, $"--flavour '{text}' is not a flavour of the saga; use jsonpath or jsonata."));

    private readonly Option<string?> file = OptionValues.Text(
        "--definition", "FILE", "Run a definition of your own (JSON or YAML, with the same ${...} placeholders).");

    /// <summary>Adds both options to the command, and the rule that only one of them may be given.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(flavour);
        command.Options.Add(file);
        OptionValues.AddExclusive(command, flavour, file, "Give either --flavour or --definition, not both.");
    }

    public SagaDefinitionChoice Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new SagaDefinitionChoice(parseResult.GetValue(flavour) ?? SagaQueryLanguage.JsonPath, parseResult.GetValue(file));
    }
}
