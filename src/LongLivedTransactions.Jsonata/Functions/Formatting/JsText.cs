using System.Text;

namespace LongLivedTransactions.Jsonata.Functions.Formatting;

/// <summary>
/// JavaScript's string operations where they differ from .NET's: out-of-range indexes clamp (substring, substr,
/// slice) instead of throwing, and an empty separator splits into characters.
/// </summary>
internal static class JsText
{
    /// <summary>String.prototype.substring: indexes clamp to [0, length] and swap when reversed.</summary>
    public static string Substring(string text, double start, double? end = null)
    {
        var from = Clamp(start, text.Length);
        var to = end is { } value ? Clamp(value, text.Length) : text.Length;
        if (from > to)
        {
            (from, to) = (to, from);
        }

        return text[from..to];
    }

    /// <summary>String.prototype.substr: a negative start counts from the end.</summary>
    public static string Substr(string text, int start, int? length = null)
    {
        var from = start < 0 ? Math.Max(text.Length + start, 0) : Math.Min(start, text.Length);
        var count = Math.Min(Math.Max(length ?? text.Length, 0), text.Length - from);
        return text.Substring(from, count);
    }

    /// <summary>String.prototype.slice: negative indexes count from the end.</summary>
    public static string Slice(string text, int start, int? end = null)
    {
        var from = start < 0 ? Math.Max(text.Length + start, 0) : Math.Min(start, text.Length);
        var stop = end is { } value ? (value < 0 ? Math.Max(text.Length + value, 0) : Math.Min(value, text.Length)) : text.Length;
        return from >= stop ? string.Empty : text[from..stop];
    }

    /// <summary>String.prototype.charAt: the empty string outside the text.</summary>
    public static string CharAt(string text, int index) =>
        index >= 0 && index < text.Length ? text[index].ToString() : string.Empty;

    /// <summary>String.prototype.indexOf (an empty search string is found at the start position).</summary>
    public static int IndexOf(string text, string search, int start = 0)
    {
        start = Math.Clamp(start, 0, text.Length);
        return text.IndexOf(search, start, StringComparison.Ordinal);
    }

    /// <summary>String.prototype.lastIndexOf (an empty search string is found at the end).</summary>
    public static int LastIndexOf(string text, string search)
    {
        if (search.Length == 0)
        {
            return text.Length;
        }

        return text.LastIndexOf(search, StringComparison.Ordinal);
    }

    /// <summary>String.prototype.split with a string separator.</summary>
    public static string[] Split(string text, string separator)
    {
        if (separator.Length == 0)
        {
            return [.. text.Select(character => character.ToString())];
        }

        return text.Split(separator, StringSplitOptions.None);
    }

    /// <summary>The characters JavaScript's <c>\s</c> matches.</summary>
    public static bool IsWhiteSpace(char character) => character switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00A0' or '\u1680' or '\u2028' or '\u2029' or '\u202F'
            or '\u205F' or '\u3000' or '\uFEFF' => true,
        >= '\u2000' and <= '\u200A' => true,
        _ => false,
    };

    /// <summary>Removes every white-space character.</summary>
    public static string RemoveWhiteSpace(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            if (!IsWhiteSpace(character))
            {
                builder.Append(character);
            }
        }

        return builder.ToString();
    }

    /// <summary>The code points of a string; a lone surrogate stands for itself, as in JavaScript.</summary>
    public static List<int> CodePoints(string text)
    {
        var codePoints = new List<int>(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                codePoints.Add(char.ConvertToUtf32(text[i], text[i + 1]));
                i++;
            }
            else
            {
                codePoints.Add(text[i]);
            }
        }

        return codePoints;
    }

    /// <summary>String.fromCodePoint, tolerating surrogate code points (kept as one UTF-16 unit).</summary>
    public static string FromCodePoint(int codePoint) => codePoint switch
    {
        < 0 or > 0x10FFFF => "\uFFFD",
        >= 0xD800 and <= 0xDFFF => ((char)codePoint).ToString(),
        _ => char.ConvertFromUtf32(codePoint),
    };

    /// <summary>Repeats <paramref name="text"/> <paramref name="count"/> times (none when count is not positive).</summary>
    public static string Repeat(string text, int count) =>
        count <= 0 ? string.Empty : new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    /// <summary>JSON.stringify of a string, a number or undefined, as error messages show values.</summary>
    public static string Stringify(object? value)
    {
        switch (value)
        {
            case null:
                return "undefined";
            case double number:
                return double.IsNaN(number) || double.IsInfinity(number) ? "null" : JsNumber.ToString(number);
            case string text:
                var builder = new StringBuilder(text.Length + 2);
                Values.JsonataJson.WriteString(builder, text);
                return builder.ToString();
            default:
                return value.ToString() ?? string.Empty;
        }
    }

    private static int Clamp(double index, int length)
    {
        if (double.IsNaN(index))
        {
            return 0;
        }

        return (int)Math.Clamp(Math.Truncate(index), 0, length);
    }
}
