using System.Text.RegularExpressions;

namespace LongLivedTransactions.Jsonata.Values;

/// <summary>
/// A regex literal such as <c>/[a-z]+/i</c>. As in jsonata-js it is a function: called with a string it returns
/// a match object <c>{match, start, end, groups, next}</c> (next() finds the following match), or undefined.
/// The string functions accept any function that follows this protocol; they use <see cref="Regex"/> directly
/// when given a regex literal.
/// </summary>
public sealed class JsonataRegex : JsonataFunction
{
    public JsonataRegex(string pattern, string flags)
    {
        Pattern = pattern;
        Flags = flags;
        var options = RegexOptions.ECMAScript | RegexOptions.CultureInvariant;
        if (flags.Contains('i', StringComparison.Ordinal))
        {
            options |= RegexOptions.IgnoreCase;
        }

        if (flags.Contains('m', StringComparison.Ordinal))
        {
            options |= RegexOptions.Multiline;
        }

        Regex = CreateRegex(pattern, options);
    }

    public string Pattern { get; }

    public string Flags { get; }

    public Regex Regex { get; }

    public override int Arity => 1;

    /// <summary>The match object for the first match at or after <paramref name="fromIndex"/>, or undefined.</summary>
    public object? Execute(string input, int fromIndex)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (fromIndex > input.Length)
        {
            return null;
        }

        var match = Regex.Match(input, fromIndex);
        if (!match.Success)
        {
            return null;
        }

        var groups = new JsonataArray(match.Groups.Count);
        for (var i = 1; i < match.Groups.Count; i++)
        {
            groups.Add(match.Groups[i].Success ? match.Groups[i].Value : null);
        }

        var nextIndex = match.Index + match.Length;
        var result = new OrderedDictionary<string, object?>(5, StringComparer.Ordinal)
        {
            ["match"] = match.Value,
            ["start"] = (double)match.Index,
            ["end"] = (double)nextIndex,
            ["groups"] = groups,
        };
        result["next"] = new Functions.NativeFunction("next", null, 0, (_, _) => Next(input, nextIndex));
        return result;
    }

    private object? Next(string input, int fromIndex)
    {
        if (fromIndex >= input.Length)
        {
            return null;
        }

        var next = Execute(input, fromIndex);
        if (next is OrderedDictionary<string, object?> map && map["match"] is string { Length: 0 })
        {
            throw new JsonataException("D1004", "Regular expression matches zero length string", value: Pattern);
        }

        return next;
    }

    private static Regex CreateRegex(string pattern, RegexOptions options)
    {
        try
        {
            return new Regex(pattern, options);
        }
        catch (ArgumentException)
        {
            // Some JavaScript patterns (lookbehind, named groups) are refused in ECMAScript mode; .NET's own
            // syntax is a superset that reads them the same way.
            try
            {
                return new Regex(pattern, options & ~RegexOptions.ECMAScript);
            }
            catch (ArgumentException error)
            {
                throw new JsonataException("S0302", $"Invalid regular expression: {error.Message}", value: pattern);
            }
        }
    }
}
