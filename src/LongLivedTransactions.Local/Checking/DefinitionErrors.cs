using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LongLivedTransactions.StatesLanguage.Validation;

namespace LongLivedTransactions.Local.Checking;

/// <summary>An error that keeps the definition from running, with where it is and, for a misspelt state name, the likely one.</summary>
internal sealed record DefinitionError(string? Location, string Code, string Message);

/// <summary>
/// The validator's errors (those ValidateStateMachineDefinition reports), made readable for the person who wrote the
/// definition: locations as <c>States.A.Next</c>, "did you mean" for a transition to a state that does not exist, and
/// no cascade of "not reachable" errors behind one typo. AWS reports every state that the typo cuts off; here those
/// that the suggested name would reach again are counted in the typo's message instead.
/// </summary>
internal static partial class DefinitionErrors
{
    public static IReadOnlyList<DefinitionError> Read(string definitionJson, JsonObject machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        List<ValidationDiagnostic> errors = StateMachineValidator.Validate(definitionJson).Where(d => d.IsError).ToList();
        string[] stateNames = (machine["States"] as JsonObject ?? []).Select(entry => entry.Key).ToArray();

        // Transitions to a missing state, each with the state it was likely meant to be.
        var corrections = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ValidationDiagnostic error in errors)
        {
            if (MissingTarget(error) is { } target && Suggestions.Closest(target, stateNames) is { } suggestion)
            {
                corrections[target] = suggestion;
            }
        }

        HashSet<string> cutOffByTypos = corrections.Count == 0 ? [] : ReachableWith(machine, corrections).Except(ReachableWith(machine, new Dictionary<string, string>())).ToHashSet(StringComparer.Ordinal);
        var result = new List<DefinitionError>();
        foreach (ValidationDiagnostic error in errors)
        {
            string? location = Locations.FromPointer(error.Location);
            if (Unreachable(error) is { } state && cutOffByTypos.Contains(state))
            {
                continue;
            }

            if (MissingTarget(error) is { } target && corrections.TryGetValue(target, out string? meant))
            {
                int cutOff = cutOffByTypos.Count(name => ReachableWith(machine, new Dictionary<string, string> { [target] = meant }).Contains(name));
                string hidden = cutOff == 0 ? string.Empty : $" ({cutOff} state{(cutOff == 1 ? " is" : "s are")} unreachable only because of it)";
                result.Add(new DefinitionError(location, error.Code, $"{error.Message}; did you mean {meant}?{hidden}"));
            }
            else
            {
                result.Add(new DefinitionError(location, error.Code, error.Message));
            }
        }

        return result;
    }

    private static string? MissingTarget(ValidationDiagnostic error) =>
        error.Code == DiagnosticCodes.MissingTransitionTarget && MissingTargetMessage().Match(error.Message) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>The state a "not reachable" error is about, or null for any other error.</summary>
    public static string? UnreachableState(DefinitionError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return UnreachableState(error.Code, error.Message);
    }

    private static string? Unreachable(ValidationDiagnostic error) => UnreachableState(error.Code, error.Message);

    private static string? UnreachableState(string code, string message) =>
        code == DiagnosticCodes.MissingTransitionTarget && UnreachableMessage().Match(message) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>The top-level states reachable from StartAt, with the given transitions corrected.</summary>
    private static HashSet<string> ReachableWith(JsonObject machine, IReadOnlyDictionary<string, string> corrections)
    {
        var states = machine["States"] as JsonObject ?? [];
        string Corrected(string name) => corrections.GetValueOrDefault(name, name);
        var reachable = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        if (DefinitionState.Text(machine["StartAt"]) is { } start)
        {
            pending.Push(Corrected(start));
        }

        while (pending.Count > 0)
        {
            string name = pending.Pop();
            if (states[name] is not JsonObject state || !reachable.Add(name))
            {
                continue;
            }

            IEnumerable<JsonNode?> targets = new[] { state["Next"], state["Default"] }
                .Concat((state["Choices"] as JsonArray ?? []).Select(choice => choice?["Next"]))
                .Concat((state["Catch"] as JsonArray ?? []).Select(catcher => catcher?["Next"]));
            foreach (string target in targets.Select(DefinitionState.Text).OfType<string>())
            {
                pending.Push(Corrected(target));
            }
        }

        return reachable;
    }

    [GeneratedRegex("^Missing 'Next' target: (.+)$")]
    private static partial Regex MissingTargetMessage();

    [GeneratedRegex("^State \"(.+)\" is not reachable\\.$")]
    private static partial Regex UnreachableMessage();
}
