using System.Text;
using System.Text.RegularExpressions;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Functions;

/// <summary>
/// The functions that take a string or a matcher: <c>$contains</c>, <c>$match</c>, <c>$replace</c>, <c>$split</c>.
/// A regex literal is run with its .NET <see cref="Regex"/> directly; any other function follows the match-object
/// protocol (<c>{match, start, end, groups, next}</c>) through the evaluator, as jsonata-js calls it.
/// </summary>
internal static partial class CoreFunctions
{
    private static void RegisterMatching(FunctionLibrary library)
    {
        library.Add("match", "<s-f<s:o>n?:a<o>>", 3, MatchFunction);
        library.Add("contains", "<s-(sf):b>", 2, Contains);
        library.Add("replace", "<s-(sf)(sf)n?:s>", 4, Replace);
        library.Add("split", "<s-(sf)n?:a<s>>", 3, Split);
    }

    private static object? Contains(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not string text)
        {
            return null;
        }

        var token = Arg(arguments, 1);
        if (token is string substring)
        {
            return JsonataValue.Boolean(text.Contains(substring, StringComparison.Ordinal));
        }

        if (token is JsonataRegex regex)
        {
            return JsonataValue.Boolean(regex.Regex.IsMatch(text));
        }

        return JsonataValue.Boolean(FirstMatch("contains", token, text, context) is not null);
    }

    private static object? MatchFunction(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not string text)
        {
            return null;
        }

        var limit = Arg(arguments, 2);
        if (limit is double negative && negative < 0)
        {
            throw Error("D3040", "Third argument of match function must evaluate to a positive number", negative);
        }

        var result = JsonataArray.Sequence();
        var max = limit is double number ? number : double.PositiveInfinity;
        if (!(max > 0))
        {
            return result;
        }

        var count = 0;
        foreach (var found in Matches("match", Arg(arguments, 1), text, context))
        {
            if (!(count < max))
            {
                break;
            }

            var entry = NewObject();
            entry["match"] = found.Match;
            entry["index"] = found.Start;
            entry["groups"] = found.Groups;
            result.Add(entry);
            count++;
        }

        return result;
    }

    private static object? Split(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not string text)
        {
            return null;
        }

        var limit = Arg(arguments, 2);
        if (limit is double negative && negative < 0)
        {
            throw Error("D3020", "Third argument of split function must evaluate to a positive number", negative);
        }

        var result = new JsonataArray();
        var max = limit is double number ? number : double.PositiveInfinity;
        if (!(max > 0))
        {
            return result;
        }

        var separator = Arg(arguments, 1);
        if (separator is string token)
        {
            SplitByString(text, token, limit is double l ? ToUint32(l) : uint.MaxValue, result);
            return result;
        }

        var count = 0;
        var start = 0.0;
        var any = false;
        foreach (var found in Matches("split", separator, text, context))
        {
            if (!(count < max))
            {
                break;
            }

            any = true;
            result.Add(JsSubstring(text, start, Number(found.Start)));
            start = Number(found.End);
            count++;
        }

        if (!any)
        {
            result.Add(text);
        }
        else if (count < max)
        {
            result.Add(JsSubstring(text, start, text.Length));
        }

        return result;
    }

    // String.prototype.split(separator, limit): an empty separator splits into UTF-16 code units.
    private static void SplitByString(string text, string separator, uint limit, JsonataArray result)
    {
        if (limit == 0)
        {
            return;
        }

        if (separator.Length == 0)
        {
            for (var i = 0; i < text.Length && result.Count < limit; i++)
            {
                result.Add(text[i].ToString());
            }

            return;
        }

        var position = 0;
        while (true)
        {
            var index = text.IndexOf(separator, position, StringComparison.Ordinal);
            if (index < 0)
            {
                break;
            }

            result.Add(text[position..index]);
            if (result.Count >= limit)
            {
                return;
            }

            position = index + separator.Length;
        }

        result.Add(text[position..]);
    }

    // JavaScript's ToUint32, which String.prototype.split applies to its limit.
    private static uint ToUint32(double value)
    {
        if (!double.IsFinite(value))
        {
            return 0;
        }

        var truncated = Math.Truncate(value) % 4294967296.0;
        if (truncated < 0)
        {
            truncated += 4294967296.0;
        }

        return (uint)truncated;
    }

    private static object? Replace(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not string text)
        {
            return null;
        }

        var pattern = Arg(arguments, 1);
        if (pattern is string { Length: 0 })
        {
            throw Error("D3010", "Second argument of replace function cannot be an empty string", pattern);
        }

        var limit = Arg(arguments, 3);
        if (limit is double negative && negative < 0)
        {
            throw Error("D3011", "Fourth argument of replace function must evaluate to a positive number", negative);
        }

        var max = limit is double number ? number : double.PositiveInfinity;
        if (!(max > 0))
        {
            return text;
        }

        var replacement = Arg(arguments, 2);
        var result = new StringBuilder();
        var count = 0;
        if (pattern is string substring)
        {
            // A string pattern inserts the replacement as it is ($ has no meaning there).
            var replacementText = JsString(replacement);
            var position = 0;
            var index = text.IndexOf(substring, StringComparison.Ordinal);
            while (index != -1 && count < max)
            {
                result.Append(text, position, index - position).Append(replacementText);
                position = index + substring.Length;
                count++;
                index = text.IndexOf(substring, position, StringComparison.Ordinal);
            }

            result.Append(text, position, text.Length - position);
            return result.ToString();
        }

        var replacementFunction = replacement as JsonataFunction;
        var template = replacement as string;
        var at = 0.0;
        var any = false;
        foreach (var found in Matches("replace", pattern, text, context, needMatchObject: replacementFunction is not null))
        {
            if (!(count < max))
            {
                break;
            }

            any = true;
            result.Append(JsSubstring(text, at, Number(found.Start)));
            object? substitute = replacementFunction is not null
                ? context.Apply(replacementFunction, [found.MatchObject])
                : Substitute(template ?? JsString(replacement), found);
            if (substitute is not string substituteText)
            {
                throw Error("D3012", "Attempted to replace a matched string with a non-string value", substitute);
            }

            result.Append(substituteText);
            at = Number(found.Start) + (found.Match is string matched ? matched.Length : double.NaN);
            count++;
        }

        if (!any)
        {
            return text;
        }

        result.Append(JsSubstring(text, at, text.Length));
        return result.ToString();
    }

    /// <summary>
    /// Expands a replacement template: <c>$$</c> is a dollar, <c>$0</c> the match, <c>$N</c> group N (taking as many
    /// digits as the group count has, fewer when that names no group); any other <c>$</c> stays.
    /// </summary>
    private static string Substitute(string template, FoundMatch found)
    {
        var groups = found.Groups as JsonataArray ?? [];
        var builder = new StringBuilder();
        var position = 0;
        var index = template.IndexOf('$', position);
        while (index != -1 && position < template.Length)
        {
            builder.Append(template, position, index - position);
            position = index + 1;
            var next = position < template.Length ? template[position] : '\0';
            if (next == '$')
            {
                builder.Append('$');
                position++;
            }
            else if (next == '0')
            {
                builder.Append(JsString(found.Match));
                position++;
            }
            else
            {
                // Math.log(n) * Math.LOG10E, as jsonata-js computes it (3 digits for 1000 groups, not 4).
                var maxDigits = groups.Count == 0 ? 1 : (int)Math.Floor(Math.Log(groups.Count) * 0.4342944819032518) + 1;
                var group = ParseIntPrefix(template, position, maxDigits);
                if (maxDigits > 1 && group > groups.Count)
                {
                    group = ParseIntPrefix(template, position, maxDigits - 1);
                }

                if (group is { } groupNumber)
                {
                    if (groups.Count > 0 && groupNumber >= 1 && groupNumber <= groups.Count && groups[(int)groupNumber - 1] is { } submatch)
                    {
                        builder.Append(JsString(submatch));
                    }

                    position += groupNumber.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
                }
                else
                {
                    builder.Append('$');
                }
            }

            index = template.IndexOf('$', position);
        }

        if (position < template.Length)
        {
            builder.Append(template, position, template.Length - position);
        }

        return builder.ToString();
    }

    // parseInt(text.substring(start, start + length), 10): leading white space, a sign, then digits; null for NaN.
    private static long? ParseIntPrefix(string text, int start, int length)
    {
        var end = Math.Min(text.Length, start + length);
        var i = start;
        while (i < end && Array.IndexOf(JsWhiteSpace, text[i]) >= 0)
        {
            i++;
        }

        var sign = 1;
        if (i < end && text[i] is '+' or '-')
        {
            sign = text[i] == '-' ? -1 : 1;
            i++;
        }

        long value = 0;
        var digits = 0;
        while (i < end && char.IsAsciiDigit(text[i]))
        {
            value = (value * 10) + (text[i] - '0');
            digits++;
            i++;
        }

        return digits == 0 ? null : sign * value;
    }

    private static FoundMatch? FirstMatch(string functionName, object? matcher, string text, FunctionCallContext context)
    {
        foreach (var found in Matches(functionName, matcher, text, context))
        {
            return found;
        }

        return null;
    }

    /// <summary>
    /// The successive matches of a matcher over a string. A regex literal is run directly (with jsonata-js's rule
    /// that a later zero-length match is D1004); another function is called with the string, then each match
    /// object's <c>next()</c>.
    /// </summary>
    private static IEnumerable<FoundMatch> Matches(string functionName, object? matcher, string text, FunctionCallContext context, bool needMatchObject = false)
    {
        if (matcher is JsonataRegex regex && !needMatchObject)
        {
            return RegexMatches(regex, text);
        }

        return ProtocolMatches(functionName, matcher as JsonataFunction, text, context);
    }

    private static IEnumerable<FoundMatch> RegexMatches(JsonataRegex regex, string text)
    {
        var match = regex.Regex.Match(text);
        while (match.Success)
        {
            yield return FoundMatch.From(match);
            var end = match.Index + match.Length;
            if (end >= text.Length)
            {
                yield break;
            }

            match = regex.Regex.Match(text, end);
            if (match.Success && match.Length == 0)
            {
                throw new JsonataException("D1004", "Regular expression matches zero length string", value: regex.Pattern);
            }
        }
    }

    private static IEnumerable<FoundMatch> ProtocolMatches(string functionName, JsonataFunction? matcher, string text, FunctionCallContext context)
    {
        if (matcher is null)
        {
            yield break;
        }

        var result = CallMatcher(functionName, matcher, [text], context);
        while (result is not null)
        {
            var found = FoundMatch.From(result);
            yield return found;
            if (found.Next is not JsonataFunction next)
            {
                yield break;
            }

            result = CallMatcher(functionName, next, [null], context);
        }
    }

    private static object? CallMatcher(string functionName, JsonataFunction matcher, object?[] arguments, FunctionCallContext context)
    {
        var result = matcher switch
        {
            JsonataRegex regex when arguments[0] is string text => regex.Execute(text, 0),
            NativeFunction { Signature: null } native => native.Implementation(arguments, context),
            _ => context.Apply(matcher, arguments),
        };
        if (IsTruthy(result))
        {
            var map = result as OrderedDictionary<string, object?>;
            var wellFormed = map is not null
                && ((map.TryGetValue("start", out var start) && start is double)
                    || (map.TryGetValue("groups", out var groups) && groups is JsonataArray)
                    || (map.TryGetValue("next", out var next) && next is JsonataFunction));
            if (!wellFormed)
            {
                throw new JsonataException(
                    "T1010",
                    $"The matcher function argument passed to function \"{functionName}\" does not return the correct object structure",
                    token: functionName);
            }
        }

        // A falsy non-object result (false, 0, "") ends the matches as undefined would.
        return result is OrderedDictionary<string, object?> ? result : null;
    }

    private sealed record FoundMatch(object? Match, object? Start, object? End, object? Groups, object? Next, object? MatchObject)
    {
        public static FoundMatch From(Match match)
        {
            var groups = new JsonataArray(match.Groups.Count - 1);
            for (var i = 1; i < match.Groups.Count; i++)
            {
                groups.Add(match.Groups[i].Success ? match.Groups[i].Value : null);
            }

            return new FoundMatch(match.Value, (double)match.Index, (double)(match.Index + match.Length), groups, null, null);
        }

        public static FoundMatch From(object result)
        {
            var map = (OrderedDictionary<string, object?>)result;
            map.TryGetValue("match", out var matched);
            map.TryGetValue("start", out var start);
            map.TryGetValue("end", out var end);
            map.TryGetValue("groups", out var groups);
            map.TryGetValue("next", out var next);
            return new FoundMatch(matched, start, end, groups, next, result);
        }
    }
}
