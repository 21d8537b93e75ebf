using System.Buffers;
using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>
/// An upper bound of the UTF-8 size of a value's JSON text (as <see cref="DataFlow.ToJsonText"/> writes it), found by
/// walking the tree without writing anything: writing a task result just to measure it cost a fifth of the engine's
/// time. Printable ASCII counts as written (so the bound of plain data is within a few bytes of its size); each other
/// character counts for the six bytes its longest form takes ("\u001F"). A value whose bound is over the payload limit
/// is measured exactly (<see cref="JsonSize"/>).
/// </summary>
internal static class JsonSizeBound
{
    // The characters the writer copies as they are: printable ASCII but the quote and the backslash.
    private const string PlainAscii =
        " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

    private const int ExtraBytesPerOtherChar = 5;

    // The longest text written for a .NET number of the types below (a decimal such as "-7.9228162514264337593543950335").
    private const int MaxNumberBytes = 32;

    // The node types that JsonValue.Create gives for .NET's number types.
    private static readonly FrozenSet<Type> NumberNodeTypes = new[]
    {
        JsonValue.Create(0).GetType(), JsonValue.Create(0L).GetType(), JsonValue.Create(0.0).GetType(), JsonValue.Create(0m).GetType(),
        JsonValue.Create(0f).GetType(), JsonValue.Create((short)0).GetType(), JsonValue.Create((byte)0).GetType(),
        JsonValue.Create((sbyte)0).GetType(), JsonValue.Create((ushort)0).GetType(), JsonValue.Create(0u).GetType(), JsonValue.Create(0ul).GetType(),
    }.ToFrozenSet();

    private static readonly SearchValues<char> PlainChars = SearchValues.Create(PlainAscii);

    // In JSON text a quote is part of the syntax (one inside a string comes after a backslash, which counts), and a
    // line break or tab can only be space between tokens, which the writer leaves out.
    private static readonly SearchValues<byte> PlainBytes = SearchValues.Create(Encoding.ASCII.GetBytes(PlainAscii + "\"\n\r\t"));

    public static long Of(JsonNode? node)
    {
        // Parsed JSON not read yet (an object keeps its text until a member is read) is bounded by that text: reading
        // the members here would build them only to measure them.
        if (ParsedJson.TryGetElement(node, out var parsed))
        {
            return ElementBound(parsed);
        }

        return node switch
        {
            null => "null".Length,
            JsonObject obj => ObjectBound(obj),
            JsonArray array => ArrayBound(array),
            _ => ValueBound((JsonValue)node),
        };
    }

    private static long ObjectBound(JsonObject obj)
    {
        long size = "{}".Length;
        for (var i = 0; i < obj.Count; i++)
        {
            var (name, value) = obj.GetAt(i);
            size += StringBound(name) + ":,".Length + Of(value);
        }

        return size;
    }

    private static long ArrayBound(JsonArray array)
    {
        long size = "[]".Length;
        for (var i = 0; i < array.Count; i++)
        {
            size += Of(array[i]) + ",".Length;
        }

        return size;
    }

    // A value built in .NET code. The kind first: asking a value for a .NET type it does not hold allocates.
    private static long ValueBound(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null => "false".Length,
        JsonValueKind.String when value.TryGetValue(out string? text) => StringBound(text),
        JsonValueKind.Number when NumberNodeTypes.Contains(value.GetType()) => MaxNumberBytes,

        // A date, a Guid, a value with a converter of its own: rare in state data.
        _ => Encoding.UTF8.GetByteCount(value.ToJsonString(DataFlow.TextOptions)),
    };

    // The writer copies a parsed number, true, false or null as it was; it writes a string again from its characters.
    private static long ElementBound(JsonElement element) => TextBound(JsonMarshal.GetRawUtf8Value(element), PlainBytes);

    private static long StringBound(string text) => "\"\"".Length + TextBound(text.AsSpan(), PlainChars);

    private static long TextBound<T>(ReadOnlySpan<T> text, SearchValues<T> plain)
        where T : IEquatable<T>
    {
        long size = text.Length;
        for (var at = text.IndexOfAnyExcept(plain); at >= 0; at = text.IndexOfAnyExcept(plain))
        {
            size += ExtraBytesPerOtherChar;
            text = text[(at + 1)..];
        }

        return size;
    }
}
