using System.Globalization;
using System.Text;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Functions;

/// <summary>
/// Base64 as Node's Buffer does it with the 'binary' (Latin-1) encoding, and URL escaping as JavaScript's
/// encodeURI/encodeURIComponent/decodeURI/decodeURIComponent.
/// </summary>
internal static partial class CoreFunctions
{
    // Characters encodeURIComponent leaves alone; encodeURI also keeps the reserved ones.
    private const string UnreservedMarks = "-_.!~*'()";
    private const string ReservedCharacters = ";/?:@&=+$,#";

    private static void RegisterEncoding(FunctionLibrary library)
    {
        library.Add("base64encode", "<s-:s>", 1, (arguments, _) => Arg(arguments, 0) is string text ? Base64Encode(text) : null);
        library.Add("base64decode", "<s-:s>", 1, (arguments, _) => Arg(arguments, 0) is string text ? Base64Decode(text) : null);
        library.Add("encodeUrlComponent", "<s-:s>", 1, (arguments, _) => UrlFunction(arguments, "encodeUrlComponent", text => Encode(text, string.Empty)));
        library.Add("encodeUrl", "<s-:s>", 1, (arguments, _) => UrlFunction(arguments, "encodeUrl", text => Encode(text, ReservedCharacters)));
        library.Add("decodeUrlComponent", "<s-:s>", 1, (arguments, _) => UrlFunction(arguments, "decodeUrlComponent", text => Decode(text, string.Empty)));
        library.Add("decodeUrl", "<s-:s>", 1, (arguments, _) => UrlFunction(arguments, "decodeUrl", text => Decode(text, ReservedCharacters)));
    }

    // Each UTF-16 code unit is one byte (its low eight bits).
    private static string Base64Encode(string text)
    {
        var bytes = new byte[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            bytes[i] = unchecked((byte)text[i]);
        }

        return Convert.ToBase64String(bytes);
    }

    // Lenient like Node: stops at the first '=', skips characters outside the alphabet, accepts the URL-safe
    // alphabet too, and drops an incomplete trailing byte. Each byte becomes one character (Latin-1).
    private static string Base64Decode(string text)
    {
        var builder = new StringBuilder(text.Length * 3 / 4);
        var buffer = 0;
        var bits = 0;
        foreach (var unit in text)
        {
            // Node reads each UTF-16 code unit as its low byte first.
            var c = (char)(unit & 0xFF);
            if (c == '=')
            {
                break;
            }

            var value = c switch
            {
                >= 'A' and <= 'Z' => c - 'A',
                >= 'a' and <= 'z' => c - 'a' + 26,
                >= '0' and <= '9' => c - '0' + 52,
                '+' or '-' => 62,
                '/' or '_' => 63,
                _ => -1,
            };
            if (value < 0)
            {
                continue;
            }

            buffer = (buffer << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                builder.Append((char)((buffer >> bits) & 0xFF));
            }
        }

        return builder.ToString();
    }

    private static string? UrlFunction(object?[] arguments, string functionName, Func<string, string?> transform)
    {
        if (Arg(arguments, 0) is not string text)
        {
            return null;
        }

        return transform(text)
            ?? throw Error("D3140", $"Malformed URL passed to ${functionName}(): {Quote(text)}", text);
    }

    // Percent-encodes UTF-8 except letters, digits, the unreserved marks and 'keep'; null for a lone surrogate.
    private static string? Encode(string text, string keep)
    {
        var builder = new StringBuilder(text.Length);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsAsciiLetterOrDigit(c) || UnreservedMarks.Contains(c, StringComparison.Ordinal) || keep.Contains(c, StringComparison.Ordinal))
            {
                builder.Append(c);
                continue;
            }

            int codePoint;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return null;
                }

                codePoint = char.ConvertToUtf32(c, text[i + 1]);
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return null;
            }
            else
            {
                codePoint = c;
            }

            var length = new Rune(codePoint).EncodeToUtf8(utf8);
            for (var b = 0; b < length; b++)
            {
                builder.Append('%').Append(utf8[b].ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    // Decodes %XX sequences as UTF-8, leaving an escape of a character in 'keep' as it is; null when malformed.
    private static string? Decode(string text, string keep)
    {
        var builder = new StringBuilder(text.Length);
        Span<byte> bytes = stackalloc byte[4];
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c != '%')
            {
                builder.Append(c);
                continue;
            }

            var start = i;
            if (!TryReadEscape(text, i, out var first))
            {
                return null;
            }

            i += 2;
            if (first < 0x80)
            {
                var decoded = (char)first;
                if (keep.Contains(decoded, StringComparison.Ordinal))
                {
                    builder.Append(text, start, 3);
                }
                else
                {
                    builder.Append(decoded);
                }

                continue;
            }

            var count = first switch
            {
                >= 0xC0 and < 0xE0 => 2,
                >= 0xE0 and < 0xF0 => 3,
                >= 0xF0 and < 0xF8 => 4,
                _ => 0,
            };
            if (count == 0)
            {
                return null;
            }

            bytes[0] = (byte)first;
            for (var k = 1; k < count; k++)
            {
                i++;
                if (i >= text.Length || text[i] != '%' || !TryReadEscape(text, i, out var next) || (next & 0xC0) != 0x80)
                {
                    return null;
                }

                bytes[k] = (byte)next;
                i += 2;
            }

            // Overlong forms, surrogates and values past U+10FFFF are malformed.
            if (Rune.DecodeFromUtf8(bytes[..count], out var rune, out var consumed) != System.Buffers.OperationStatus.Done || consumed != count)
            {
                return null;
            }

            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }

    private static bool TryReadEscape(string text, int percentAt, out int value)
    {
        value = 0;
        if (percentAt + 2 >= text.Length || !char.IsAsciiHexDigit(text[percentAt + 1]) || !char.IsAsciiHexDigit(text[percentAt + 2]))
        {
            return false;
        }

        value = int.Parse(text.AsSpan(percentAt + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        return true;
    }
}
