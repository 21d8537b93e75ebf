using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>Parses definition text (JSON or YAML) into the immutable typed model.</summary>
public static class StateMachineParser
{
    /// <exception cref="InvalidDefinitionException">The definition has errors (the exception lists them).</exception>
    public static StateMachineDefinition Parse(string definitionText)
    {
        var result = DefinitionReader.Read(definitionText);
        return result.Definition ?? throw new InvalidDefinitionException(result.Diagnostics);
    }
}
