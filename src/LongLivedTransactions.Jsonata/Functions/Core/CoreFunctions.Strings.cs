using System.Text;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Functions;

internal static partial class CoreFunctions
{
    private static void RegisterStrings(FunctionLibrary library)
    {
        library.Add("string", "<x-b?:s>", 1, String);
        library.Add("substring", "<s-nn?:s>", 3, Substring);
        library.Add("substringBefore", "<s-s:s>", 2, SubstringBefore);
        library.Add("substringAfter", "<s-s:s>", 2, SubstringAfter);
        library.Add("lowercase", "<s-:s>", 1, Lowercase);
        library.Add("uppercase", "<s-:s>", 1, Uppercase);
        library.Add("length", "<s-:n>", 1, Length);
        library.Add("trim", "<s-:s>", 1, Trim);
        library.Add("pad", "<s-ns?:s>", 3, Pad);
        library.Add("join", "<a<s>s?:s>", 2, Join);
    }

    private static object? String(object?[] arguments, FunctionCallContext context) =>
        JsonataJson.ToJsonataString(Arg(arguments, 0), Arg(arguments, 1) is true);

    private static object? Substring(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not string text)
        {
            return null;
        }

        var start = Number(Arg(arguments, 1));
        var length = Arg(arguments, 2);
        var codePoints = CodePointCount(text);
        if (codePoints + start < 0)
        {
            start = 0;
        }

        double end;
        if (length is not null)
        {
            var count = Number(length);
            if (count <= 0)
            {
                return string.Empty;
            }

            end = start >= 0 ? start + count : codePoints + start + count;
        }
        else
        {
            end = codePoints;
        }

        var from = SliceIndex(start, codePoints);
        var to = SliceIndex(end, codePoints);
        return from >= to ? string.Empty : SliceCodePoints(text, codePoints, from, to);
    }

    private static object? SubstringBefore(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not string text)
        {
            return null;
        }

        var position = text.IndexOf(Arg(arguments, 1) as string ?? "undefined", StringComparison.Ordinal);
        return position > -1 ? text[..position] : text;
    }

    private static object? SubstringAfter(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not string text)
        {
            return null;
        }

        var chars = Arg(arguments, 1) as string ?? "undefined";
        var position = text.IndexOf(chars, StringComparison.Ordinal);
        return position > -1 ? text[(position + chars.Length)..] : text;
    }

    private static object? Lowercase(object?[] arguments, FunctionCallContext context) =>
        Arg(arguments, 0) is string text ? UnicodeCase.ToLower(text) : null;

    private static object? Uppercase(object?[] arguments, FunctionCallContext context) =>
        Arg(arguments, 0) is string text ? UnicodeCase.ToUpper(text) : null;

    private static object? Length(object?[] arguments, FunctionCallContext context) =>
        Arg(arguments, 0) is string text ? (double)CodePointCount(text) : null;

    private static object? Trim(object?[] arguments, FunctionCallContext context) =>
        Arg(arguments, 0) is string text ? TrimText(text) : null;

    // Runs of space, tab, CR and LF become one space; then one leading and one trailing space go.
    private static string TrimText(string text)
    {
        var builder = new StringBuilder(text.Length);
        var inRun = false;
        foreach (var c in text)
        {
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                if (!inRun)
                {
                    builder.Append(' ');
                    inRun = true;
                }
            }
            else
            {
                builder.Append(c);
                inRun = false;
            }
        }

        var start = builder.Length > 0 && builder[0] == ' ' ? 1 : 0;
        var end = builder.Length > start && builder[^1] == ' ' ? builder.Length - 1 : builder.Length;
        return builder.ToString(start, end - start);
    }

    // V8's longest string, in UTF-16 code units.
    private const double MaxJsStringLength = 536870888;

    private static object? Pad(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not string text)
        {
            return null;
        }

        var width = Number(Arg(arguments, 1));
        var padding = Arg(arguments, 2) as string;
        if (string.IsNullOrEmpty(padding))
        {
            padding = " ";
        }

        var padLength = Math.Abs(width) - CodePointCount(text);
        if (!(padLength > 0))
        {
            return text;
        }

        // jsonata-js builds the padding with new Array(padLength + 1).join(pad): JavaScript refuses a fractional or
        // huge length, and a string longer than V8's limit.
        if (padLength != Math.Floor(padLength) || padLength * padding.Length > MaxJsStringLength)
        {
            throw Error("RangeError", "Invalid array length", width);
        }

        // The pad text is repeated padLength times, then multi-unit pad text is cut to padLength code points.
        var repeats = (int)padLength;
        var builder = new StringBuilder(repeats * padding.Length);
        for (var i = 0; i < repeats; i++)
        {
            builder.Append(padding);
        }

        var filler = builder.ToString();
        if (padding.Length > 1)
        {
            var count = CodePointCount(filler);
            filler = SliceCodePoints(filler, count, 0, SliceIndex(padLength, count));
        }

        return width > 0 ? text + filler : filler + text;
    }

    private static object? Join(object?[] arguments, FunctionCallContext context)
    {
        if (Arg(arguments, 0) is not JsonataArray strings)
        {
            return null;
        }

        var separator = Arg(arguments, 1) as string ?? string.Empty;
        return string.Join(separator, strings.Select(JoinItem));
    }

    // Array.prototype.join writes undefined and null items as empty strings.
    private static string JoinItem(object? item) => item is null or JsonNull ? string.Empty : JsString(item);

    /// <summary>Counts code points as JavaScript's string iterator does (a lone surrogate counts as one).</summary>
    private static int CodePointCount(string text)
    {
        var count = text.Length;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (char.IsHighSurrogate(text[i]) && char.IsLowSurrogate(text[i + 1]))
            {
                count--;
                i++;
            }
        }

        return count;
    }

    /// <summary>The code points [from, to) of a string whose code point count is known.</summary>
    private static string SliceCodePoints(string text, int codePointCount, int from, int to)
    {
        if (codePointCount == text.Length)
        {
            return text[from..to];
        }

        var start = CodePointOffset(text, from, 0);
        var end = CodePointOffset(text, to - from, start);
        return text[start..end];
    }

    // Walks 'count' further code points from the UTF-16 offset 'offset'.
    private static int CodePointOffset(string text, int count, int offset)
    {
        var position = offset;
        for (var i = 0; i < count && position < text.Length; i++)
        {
            position += char.IsHighSurrogate(text[position]) && position + 1 < text.Length && char.IsLowSurrogate(text[position + 1]) ? 2 : 1;
        }

        return position;
    }
}
