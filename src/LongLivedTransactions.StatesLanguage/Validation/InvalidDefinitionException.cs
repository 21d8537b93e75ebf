namespace LongLivedTransactions.StatesLanguage.Validation;

/// <summary>The definition has errors; <see cref="Diagnostics"/> lists every finding.</summary>
public sealed class InvalidDefinitionException : Exception
{
    public InvalidDefinitionException(IReadOnlyList<ValidationDiagnostic> diagnostics)
        : base(FormatMessage(diagnostics)) => Diagnostics = diagnostics;

    public IReadOnlyList<ValidationDiagnostic> Diagnostics { get; }

    /// <summary>"Invalid State Machine Definition: 'CODE: message at location'", as CreateStateMachine words it.</summary>
    private static string FormatMessage(IReadOnlyList<ValidationDiagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.IsError).Select(d => $"'{d}'");
        return "Invalid State Machine Definition: " + string.Join(", ", errors);
    }
}
