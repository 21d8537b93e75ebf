using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution;

namespace LongLivedTransactions.StatesLanguage.Tests.Engine;

public sealed class JsonSizeBoundTests
{
    // Characters the writer copies, escapes short (\n, \"), escapes long (\u0001), writes as several UTF-8 bytes, and
    // half a surrogate pair (escaped) or a whole one.
    private static readonly string[] Pieces = ["a", "Z", "7", " ", "<", "&", "'", "+", "`", "\"", "\\", "\n", "\u0001", "\u007f", "é", "€", "\u2028", "😀", "\ud83d", "\ufeff"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void The_bound_is_never_below_the_written_size_of_built_parsed_and_changed_trees()
    {
        var random = new Random(20261201);
        for (var i = 0; i < 3_000; i++)
        {
            var built = RandomNode(random, depth: 0);
            AssertBound(built);

            // Parsed: the objects and arrays keep their text until a member is read.
            var parsed = JsonNode.Parse(DataFlow.ToJsonText(built) is var text && text != "null" ? text : "[null]");
            AssertBound(parsed);

            // Read in part, then changed: the text they were parsed from no longer tells their size.
            if (parsed is JsonObject parsedObject)
            {
                _ = parsedObject.Count;
                parsedObject["added\u0001é"] = RandomNode(random, depth: 2);
                AssertBound(parsed);
            }
            else if (parsed is JsonArray parsedArray)
            {
                parsedArray.Add(RandomNode(random, depth: 2));
                AssertBound(parsed);
            }

            // Parsed from indented text: the space between tokens is not written again.
            AssertBound(JsonNode.Parse(built is null ? "null" : built.ToJsonString(Indented)));

            // A parsed value placed in a built one.
            AssertBound(new JsonObject { ["parsed"] = JsonNode.Parse(DataFlow.ToJsonText(RandomNode(random, depth: 1))), ["n"] = 1 });
        }
    }

    [Fact]
    public void A_parsed_object_is_bounded_by_its_text_without_reading_its_members()
    {
        const string text = """{"order_id":"47063fe3","items":[{"qty":1,"unit_price":14.5}],"ok":true}""";

        Assert.Equal(text.Length, JsonSizeBound.Of(JsonNode.Parse(text)));
    }

    [Fact]
    public void Printable_ASCII_is_counted_as_written_so_a_large_plain_value_stays_under_the_limit()
    {
        var value = new JsonObject { ["data"] = new string('x', 200_000), ["n"] = 12, ["ok"] = true };

        var bound = JsonSizeBound.Of(value);

        var written = Encoding.UTF8.GetByteCount(DataFlow.ToJsonText(value));
        Assert.InRange(bound, written, written + 64);
    }

    private static void AssertBound(JsonNode? node)
    {
        var written = Encoding.UTF8.GetByteCount(DataFlow.ToJsonText(node));
        var bound = JsonSizeBound.Of(node);
        Assert.True(bound >= written, $"bound {bound} < written {written} for {DataFlow.ToJsonText(node)}");
    }

    private static JsonNode? RandomNode(Random random, int depth)
    {
        switch (random.Next(depth >= 3 ? 8 : 10))
        {
            case 0: return null;
            case 1: return RandomString(random);
            case 2: return random.Next(2) == 0;
            case 3: return random.Next(int.MinValue, int.MaxValue);
            case 4: return random.NextInt64(long.MinValue, long.MaxValue);
            case 5: return (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-300, 300));
            case 6: return (decimal)random.NextDouble() * random.Next(-1_000_000, 1_000_000) / 7m;
            case 7:
                // Values of other .NET types: written exactly.
                return random.Next(4) switch
                {
                    0 => JsonValue.Create(Guid.NewGuid()),
                    1 => JsonValue.Create(DateTimeOffset.UnixEpoch.AddSeconds(random.Next())),
                    2 => JsonValue.Create((float)random.NextDouble()),
                    _ => JsonValue.Create((char)random.Next(0x10000)),
                };
            case 8:
                var obj = new JsonObject();
                for (var i = random.Next(5); i > 0; i--)
                {
                    obj[RandomString(random) + i] = RandomNode(random, depth + 1);
                }

                return obj;
            default:
                var array = new JsonArray();
                for (var i = random.Next(5); i > 0; i--)
                {
                    array.Add(RandomNode(random, depth + 1));
                }

                return array;
        }
    }

    private static string RandomString(Random random)
    {
        var text = new StringBuilder();
        for (var i = random.Next(12); i > 0; i--)
        {
            text.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return text.ToString();
    }
}
