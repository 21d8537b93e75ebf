using System.Globalization;
using System.Text;
using System.Text.Json;

namespace LongLivedTransactions.Jsonata.Tests.Differential;

/// <summary>
/// Random JSON documents for the differential test: objects over a small pool of field names (so that generated
/// paths hit them), with numbers, strings, booleans, nulls, arrays and nested objects. No key and no string value
/// looks like an integer: JavaScript puts integer-like keys first in an object, where we keep insertion order
/// (as AWS's Java implementation does), and string values become keys through group-by.
/// </summary>
internal sealed class DocumentGenerator(Random random)
{
    public static readonly string[] Fields =
    [
        "name", "price", "qty", "tags", "items", "address", "city", "active", "score", "code", "kind", "nested",
        "list", "Phone", "type", "value", "when", "empty",
    ];

    public static readonly string[] Strings =
    [
        "alpha", "Beta", "gamma delta", "", "x", "hello world", "2024-01-15T10:30:00Z", "A-1", "bob", "Zoë",
        "abc123", "home", "mobile", "  padded  ", "a,b,c", "ünïcödé", "3.5e", "true", "null", "London", "€uro",
    ];

    public string Document() => JsonSerializer.Serialize(Object(0));

    private Dictionary<string, object?> Object(int depth)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        var count = random.Next(depth == 0 ? 3 : 1, depth == 0 ? 9 : 5);
        for (var i = 0; i < count; i++)
        {
            map[Fields[random.Next(Fields.Length)]] = Value(depth + 1);
        }

        return map;
    }

    private object? Value(int depth)
    {
        var choice = random.Next(depth >= 4 ? 6 : 10);
        return choice switch
        {
            0 or 1 => (double)random.Next(-20, 101),
            2 => Math.Round((random.NextDouble() * 200) - 50, 2),
            3 => Strings[random.Next(Strings.Length)],
            4 => random.Next(2) == 0,
            5 => null,
            6 or 7 => Enumerable.Range(0, random.Next(0, 6)).Select(_ => Value(depth + 1)).ToList(),
            8 => Enumerable.Range(0, random.Next(1, 5)).Select(_ => (object?)Object(depth + 1)).ToList(),
            _ => Object(depth + 1),
        };
    }

    /// <summary>A JSON literal for an expression (numbers in JSONata's syntax).</summary>
    public static string NumberLiteral(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A JSONata string literal, quoted with " or ' and escaped.</summary>
    public static string StringLiteral(string value, bool single = false)
    {
        var quote = single ? '\'' : '"';
        var text = new StringBuilder().Append(quote);
        foreach (var c in value)
        {
            if (c == quote || c == '\\')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        return text.Append(quote).ToString();
    }
}
