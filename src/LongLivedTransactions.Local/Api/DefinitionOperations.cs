using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.Local.Api;

/// <summary>ValidateStateMachineDefinition and TestState: operations on a definition that is not registered.</summary>
public sealed class DefinitionOperations(TestStateRunner testStateRunner)
{
    private const int MaxDiagnostics = 100;

    public static JsonObject Validate(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string definition = request.RequiredString("definition");
        request.OptionalEnum("type", StateMachineRecord.Standard, StateMachineRecord.Express);
        bool includeWarnings = request.OptionalEnum("severity", ValidationDiagnostic.Error, ValidationDiagnostic.Warning) == ValidationDiagnostic.Warning;
        int maxResults = request.OptionalInt("maxResults", 0, MaxDiagnostics) is { } max and > 0 ? max : MaxDiagnostics;

        IReadOnlyList<ValidationDiagnostic> findings = StateMachineValidator.Validate(definition);
        var shown = findings.Where(d => d.IsError || includeWarnings).ToList();
        var diagnostics = new JsonArray();
        foreach (ValidationDiagnostic diagnostic in shown.Take(maxResults))
        {
            diagnostics.Add(new JsonObject
            {
                ["severity"] = diagnostic.Severity,
                ["code"] = diagnostic.Code,
                ["message"] = diagnostic.Message,
            }.With("location", diagnostic.Location));
        }

        return new JsonObject
        {
            ["result"] = findings.Any(d => d.IsError) ? "FAIL" : "OK",
            ["diagnostics"] = diagnostics,
            ["truncated"] = shown.Count > maxResults,
        };
    }

    public Task<JsonObject> TestStateAsync(ApiRequest request, CancellationToken cancellationToken) =>
        testStateRunner.RunAsync(request, cancellationToken);
}
