using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.StatesLanguage.Parsing;

/// <summary>
/// Reads definition text (JSON, or YAML as SAM templates ship it) into the JSON tree the parser reads, for tools that
/// inspect or rewrite a definition before it is parsed (placeholders, linting).
/// </summary>
public static class DefinitionJson
{
    /// <returns>The tree; null when the text is neither JSON nor YAML, with <paramref name="problems"/> saying why.</returns>
    public static JsonNode? Read(string? text, out IReadOnlyList<ValidationDiagnostic> problems)
    {
        var diagnostics = new DiagnosticBag();
        var root = DefinitionDocument.Load(text, diagnostics);
        problems = diagnostics.Items;
        return diagnostics.HasErrors ? null : root;
    }
}
