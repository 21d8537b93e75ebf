using System.Text.RegularExpressions;

namespace LongLivedTransactions.StatesLanguage.Definitions;

/// <summary>Where the value an expression only names comes from.</summary>
internal enum JsonataReferenceSource
{
    Input,
    Result,
    ErrorOutput,
    Variable,
}

/// <summary>
/// An expression that only names a JSON value and fields inside it: <c>$states.input</c>, <c>$states.result.Payload</c>,
/// <c>$states.errorOutput</c>, <c>$order</c>. Where every field on the way is an object and the value is an object, a
/// string, a number or a boolean, JSONata gives that value as it is, so a state can take it from its own data without
/// converting it to JSONata's values and back.
/// </summary>
internal sealed partial record JsonataReference(JsonataReferenceSource Source, string? VariableName, string[] Fields)
{
    // Words that JSONata reads as operators or literals, not as field names.
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal) { "and", "or", "in", "true", "false", "null", "function" };

    /// <summary>The reference the expression text is, or null when it computes anything.</summary>
    public static JsonataReference? TryParse(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var fields = match.Groups["field"].Captures.Select(capture => capture.Value).ToArray();
        if (fields.Any(Reserved.Contains))
        {
            return null;
        }

        var root = match.Groups["root"].Value;
        return root switch
        {
            "states.input" => new JsonataReference(JsonataReferenceSource.Input, null, fields),
            "states.result" => new JsonataReference(JsonataReferenceSource.Result, null, fields),
            "states.errorOutput" => new JsonataReference(JsonataReferenceSource.ErrorOutput, null, fields),
            _ when root.StartsWith("states", StringComparison.Ordinal) || Reserved.Contains(root) => null,
            _ => new JsonataReference(JsonataReferenceSource.Variable, root, fields),
        };
    }

    [GeneratedRegex(@"^\$(?<root>states\.(?:input|result|errorOutput)|[A-Za-z_][A-Za-z0-9_]*)(?:\.(?<field>[A-Za-z_][A-Za-z0-9_]*))*$")]
    private static partial Regex Pattern();
}
