namespace LongLivedTransactions.Local.Checking;

/// <summary>
/// A placeholder's value as people give it, <c>NAME=VALUE</c> (NAME may be written <c>${NAME}</c>): <c>check --set</c>
/// and the console check page's Values field.
/// </summary>
internal static class PlaceholderAssignment
{
    /// <summary>The name and the value, or null when the text is not <c>NAME=VALUE</c>.</summary>
    public static KeyValuePair<string, string>? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
        {
            return null;
        }

        string name = text[..equals].Trim();
        if (name.StartsWith("${", StringComparison.Ordinal) && name.EndsWith('}'))
        {
            name = name[2..^1];
        }

        return name.Length == 0 ? null : new KeyValuePair<string, string>(name, text[(equals + 1)..].Trim());
    }
}
