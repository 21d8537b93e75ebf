using LongLivedTransactions.StatesLanguage.Parsing;

namespace LongLivedTransactions.StatesLanguage.Validation;

/// <summary>Checks a definition the way ValidateStateMachineDefinition does, and returns every finding.</summary>
public static class StateMachineValidator
{
    /// <summary>All errors and warnings; an empty list (or warnings only) means the definition is valid.</summary>
    public static IReadOnlyList<ValidationDiagnostic> Validate(string definitionText) =>
        DefinitionReader.Read(definitionText).Diagnostics;
}
