using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Data.JsonPath;

namespace LongLivedTransactions.StatesLanguage.Data.Intrinsics;

/// <summary>
/// The 18 intrinsic functions of the Amazon States Language, with the results AWS Step Functions
/// gives (recorded in the conformance corpus): States.Format prints values as Java does,
/// States.MathAdd rounds halves up, States.StringSplit splits on any of the delimiter characters
/// and drops empty pieces, States.StringToJson of a blank string is null.
/// </summary>
internal static class IntrinsicFunctions
{
    /// <summary>AWS's limit on string arguments of the encoding and hashing functions.</summary>
    private const int MaxInputLength = 10_000;

    /// <summary>AWS's limit on the number of items States.ArrayRange may produce.</summary>
    private const int MaxRangeItems = 1_000;

    private static readonly Dictionary<string, IntrinsicFunction> Functions = new(StringComparer.Ordinal)
    {
        ["States.Format"] = Format,
        ["States.StringToJson"] = StringToJson,
        ["States.JsonToString"] = JsonToString,
        ["States.Array"] = Array,
        ["States.ArrayPartition"] = ArrayPartition,
        ["States.ArrayContains"] = ArrayContains,
        ["States.ArrayRange"] = ArrayRange,
        ["States.ArrayGetItem"] = ArrayGetItem,
        ["States.ArrayLength"] = ArrayLength,
        ["States.ArrayUnique"] = ArrayUnique,
        ["States.Base64Encode"] = Base64Encode,
        ["States.Base64Decode"] = Base64Decode,
        ["States.Hash"] = Hash,
        ["States.JsonMerge"] = JsonMerge,
        ["States.MathRandom"] = MathRandom,
        ["States.MathAdd"] = MathAdd,
        ["States.StringSplit"] = StringSplit,
        ["States.UUID"] = Uuid,
    };

    public static IReadOnlyCollection<string> Names => Functions.Keys;

    public static bool TryGetFunction(string name, [NotNullWhen(true)] out IntrinsicFunction? function) =>
        Functions.TryGetValue(name, out function);

    private static JsonValue Format(IntrinsicInvocation call)
    {
        if (call.Count == 0)
        {
            throw call.Failure("expected a format string");
        }

        var parts = call.Arguments[0] is StringArgument literal ? literal.Parts : TemplateParts(call.String(0));
        var placeholders = parts.Count(part => part is null);
        if (placeholders != call.Count - 1)
        {
            throw call.Failure($"the format string has {placeholders} placeholder(s) but {call.Count - 1} value(s) were given");
        }

        var result = new StringBuilder();
        var next = 1;
        foreach (var part in parts)
        {
            if (part is null)
            {
                result.Append(JavaValueFormatter.Format(call.Values[next++]));
            }
            else
            {
                result.Append(part);
            }
        }

        return JsonValue.Create(result.ToString());
    }

    /// <summary>Placeholders of a template that came from a path rather than a literal.</summary>
    private static List<string?> TemplateParts(string template)
    {
        var parts = new List<string?>();
        var part = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] == '\\' && i + 1 < template.Length && template[i + 1] is '{' or '}' or '\\' or '\'')
            {
                part.Append(template[++i]);
            }
            else if (template[i] == '{' && i + 1 < template.Length && template[i + 1] == '}')
            {
                parts.Add(part.ToString());
                parts.Add(null);
                part.Clear();
                i++;
            }
            else
            {
                part.Append(template[i]);
            }
        }

        parts.Add(part.ToString());
        return parts;
    }

    private static JsonNode? StringToJson(IntrinsicInvocation call)
    {
        call.ExpectCount(1);
        var text = call.String(0);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return NormalizeNumbers(JsonNode.Parse(text));
        }
        catch (JsonException)
        {
            throw call.Failure($"the string '{text}' is not valid JSON");
        }
    }

    /// <summary>Numbers as AWS's JSON library re-writes them: "-0" is 0, "1.10" is 1.1, "1e2" is 100.0.</summary>
    private static JsonNode? NormalizeNumbers(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(pair => pair.Key).ToList())
                {
                    obj[name] = NormalizeNumbers(obj[name]?.DeepClone());
                }

                return obj;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    array[i] = NormalizeNumbers(array[i]?.DeepClone());
                }

                return array;
            case JsonValue when JsonNodeValues.IsNumber(node):
                return JsonNode.Parse(JavaValueFormatter.FormatNumber(node));
            default:
                return node;
        }
    }

    private static JsonValue JsonToString(IntrinsicInvocation call)
    {
        call.ExpectCount(1);
        return JsonValue.Create(CompactJsonWriter.Write(call.Values[0]));
    }

    private static JsonArray Array(IntrinsicInvocation call)
    {
        var array = new JsonArray();
        for (var i = 0; i < call.Count; i++)
        {
            array.Add(call.Detached(i));
        }

        return array;
    }

    private static JsonArray ArrayPartition(IntrinsicInvocation call)
    {
        call.ExpectCount(2);
        var array = call.Array(0);
        var size = call.Integer(1);
        if (size <= 0)
        {
            throw call.Failure("the chunk size must be greater than 0");
        }

        var result = new JsonArray();
        JsonArray? chunk = null;
        foreach (var item in array)
        {
            if (chunk is null || chunk.Count == size)
            {
                chunk = [];
                result.Add(chunk);
            }

            chunk.Add(JsonNodeValues.Clone(item));
        }

        return result;
    }

    private static JsonValue ArrayContains(IntrinsicInvocation call)
    {
        call.ExpectCount(2);
        var array = call.Array(0);
        var wanted = call.Values[1];
        return JsonValue.Create(array.Any(item => JsonNodeValues.DeepEquals(item, wanted)));
    }

    private static JsonArray ArrayRange(IntrinsicInvocation call)
    {
        call.ExpectCount(3);
        var start = call.Integer(0);
        var end = call.Integer(1);
        var step = call.Integer(2);
        if (step == 0)
        {
            throw call.Failure("the step must not be 0");
        }

        var count = (end - start) / step + 1;
        if (count > MaxRangeItems)
        {
            throw call.Failure($"the range would have {count} items; at most {MaxRangeItems} are allowed");
        }

        var result = new JsonArray();
        for (var i = 0L; i < count; i++)
        {
            result.Add(start + (i * step));
        }

        return result;
    }

    private static JsonNode? ArrayGetItem(IntrinsicInvocation call)
    {
        call.ExpectCount(2);
        var array = call.Array(0);
        var index = call.Integer(1);
        if (index < 0 || index >= array.Count)
        {
            throw call.Failure($"index {index} is out of bounds for an array of length {array.Count}");
        }

        return JsonNodeValues.Clone(array[(int)index]);
    }

    private static JsonValue ArrayLength(IntrinsicInvocation call)
    {
        call.ExpectCount(1);
        return JsonValue.Create(call.Array(0).Count);
    }

    private static JsonArray ArrayUnique(IntrinsicInvocation call)
    {
        call.ExpectCount(1);
        var result = new JsonArray();
        foreach (var item in call.Array(0))
        {
            if (!result.Any(kept => JsonNodeValues.DeepEquals(kept, item)))
            {
                result.Add(JsonNodeValues.Clone(item));
            }
        }

        return result;
    }

    private static JsonValue Base64Encode(IntrinsicInvocation call)
    {
        call.ExpectCount(1);
        var text = LimitedString(call, 0);
        return JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));
    }

    private static JsonValue Base64Decode(IntrinsicInvocation call)
    {
        call.ExpectCount(1);
        var text = LimitedString(call, 0);
        try
        {
            return JsonValue.Create(Encoding.UTF8.GetString(Convert.FromBase64String(text)));
        }
        catch (FormatException)
        {
            throw call.Failure($"'{text}' is not valid base64");
        }
    }

    [SuppressMessage("Security", "CA5350:Do Not Use Weak Cryptographic Algorithms", Justification = "States.Hash offers SHA-1 by definition; it is a checksum, not security.")]
    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Primitives", Justification = "States.Hash offers MD5 by definition; it is a checksum, not security.")]
    private static JsonValue Hash(IntrinsicInvocation call)
    {
        call.ExpectCount(2);
        var data = Encoding.UTF8.GetBytes(LimitedString(call, 0));
        var hash = call.String(1) switch
        {
            "MD5" => MD5.HashData(data),
            "SHA-1" => SHA1.HashData(data),
            "SHA-256" => SHA256.HashData(data),
            "SHA-384" => SHA384.HashData(data),
            "SHA-512" => SHA512.HashData(data),
            var other => throw call.Failure($"'{other}' is not a supported algorithm (MD5, SHA-1, SHA-256, SHA-384, SHA-512)"),
        };
        return JsonValue.Create(Convert.ToHexStringLower(hash));
    }

    private static JsonObject JsonMerge(IntrinsicInvocation call)
    {
        call.ExpectCount(3);
        var left = call.Object(0);
        var right = call.Object(1);
        if (call.Boolean(2))
        {
            throw call.Failure("deep merge is not supported; the third argument must be false");
        }

        // A shallow merge: a key of the second object replaces the whole value of the first.
        var merged = new JsonObject();
        foreach (var (name, value) in left)
        {
            merged[name] = JsonNodeValues.Clone(value);
        }

        foreach (var (name, value) in right)
        {
            merged[name] = JsonNodeValues.Clone(value);
        }

        return merged;
    }

    private static JsonValue MathRandom(IntrinsicInvocation call)
    {
        call.ExpectCount(2, 3);
        var start = call.RoundedInteger(0);
        var end = call.RoundedInteger(1);
        if (end <= start)
        {
            throw call.Failure("the end must be greater than the start");
        }

        var random = call.Count == 3 ? new Random(unchecked((int)call.RoundedInteger(2))) : call.Random;
        return JsonValue.Create(random.NextInt64(start, end));
    }

    private static JsonValue MathAdd(IntrinsicInvocation call)
    {
        call.ExpectCount(2);
        return JsonValue.Create(call.RoundedInteger(0) + call.RoundedInteger(1));
    }

    private static JsonArray StringSplit(IntrinsicInvocation call)
    {
        call.ExpectCount(2);
        var text = call.String(0);
        var delimiters = call.String(1).ToCharArray();
        var result = new JsonArray();
        foreach (var piece in delimiters.Length == 0 ? [text] : text.Split(delimiters, StringSplitOptions.RemoveEmptyEntries))
        {
            result.Add(piece);
        }

        return result;
    }

    private static JsonValue Uuid(IntrinsicInvocation call)
    {
        call.ExpectCount(0);
        Span<byte> bytes = stackalloc byte[16];
        call.Random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        var hex = Convert.ToHexStringLower(bytes);
        return JsonValue.Create(string.Create(
            CultureInfo.InvariantCulture,
            $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}"));
    }

    private static string LimitedString(IntrinsicInvocation call, int index)
    {
        var text = call.String(index);
        return text.Length <= MaxInputLength
            ? text
            : throw call.Failure($"the input is {text.Length} characters long; at most {MaxInputLength} are allowed");
    }
}
