namespace LongLivedTransactions.StatesLanguage.Validation;

/// <summary>Collects diagnostics while a definition is read and checked.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<ValidationDiagnostic> _items = [];

    public IReadOnlyList<ValidationDiagnostic> Items => _items;

    public bool HasErrors => _items.Exists(d => d.IsError);

    public void Error(string code, string message, string? location) =>
        _items.Add(new ValidationDiagnostic(ValidationDiagnostic.Error, code, message, location));

    public void Schema(string message, string location) => Error(DiagnosticCodes.SchemaValidationFailed, message, location);

    public void Warning(string code, string message, string location) =>
        _items.Add(new ValidationDiagnostic(ValidationDiagnostic.Warning, code, message, location));
}
