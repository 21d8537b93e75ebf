using System.Globalization;

namespace LongLivedTransactions.Local.Checking;

/// <summary>
/// Where something is in a definition, written as a person reads it (<c>States.ProcessPayment.Retry[0]</c>), as the
/// check writes every location.
/// </summary>
internal static class Locations
{
    /// <summary>
    /// The validator's JSON-pointer-like location (<c>/States/A/Catch[0]/Next</c>, <c>/States/A/Retry/0</c>) in the
    /// same form; null stays null (AWS gives some diagnostics no location).
    /// </summary>
    public static string? FromPointer(string? pointer)
    {
        if (pointer is null)
        {
            return null;
        }

        var parts = new List<string>();
        foreach (string segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (parts.Count > 0 && int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                parts[^1] += $"[{segment}]";
            }
            else
            {
                parts.Add(segment);
            }
        }

        return parts.Count == 0 ? "(the definition)" : string.Join('.', parts);
    }
}
