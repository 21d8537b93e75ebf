using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Normalisation;

/// <summary>
/// The small JSONPath subset the recorded snapshot transforms use: <c>$</c> followed by <c>.name</c> (a
/// child) and <c>..name</c> (a descendant at any depth, through objects and arrays), e.g.
/// <c>$..events..stateExitedEventDetails.output.FunctionResult</c>. Kept separate from the engine's own
/// JSONPath so that the normaliser does not depend on the code under test.
/// </summary>
internal sealed class DeepScanPath
{
    private readonly IReadOnlyList<(bool Descendant, string Name)> _segments;

    private DeepScanPath(string text, IReadOnlyList<(bool Descendant, string Name)> segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    public static DeepScanPath Parse(string text)
    {
        if (!text.StartsWith('$'))
        {
            throw new FormatException($"Snapshot path '{text}' does not start with '$'.");
        }

        var segments = new List<(bool, string)>();
        var position = 1;
        while (position < text.Length)
        {
            if (text[position] != '.')
            {
                throw new FormatException($"Snapshot path '{text}': expected '.' at {position}.");
            }

            var descendant = position + 1 < text.Length && text[position + 1] == '.';
            position += descendant ? 2 : 1;
            var end = text.IndexOf('.', position);
            if (end < 0)
            {
                end = text.Length;
            }

            var name = text[position..end];
            if (name.Length == 0 || name.IndexOfAny(['[', ']', '*', '?', '(']) >= 0)
            {
                throw new FormatException($"Snapshot path '{text}' uses more than .name and ..name.");
            }

            segments.Add((descendant, name));
            position = end;
        }

        return new DeepScanPath(text, segments);
    }

    /// <summary>Every place the path matches, as (object, property name), so a caller can read or replace it.</summary>
    public IReadOnlyList<(JsonObject Owner, string Name)> Locate(JsonNode root)
    {
        IReadOnlyList<JsonNode> current = [root];
        var matches = new List<(JsonObject Owner, string Name)>();
        for (var index = 0; index < _segments.Count; index++)
        {
            var (descendant, name) = _segments[index];
            matches = [];
            var seen = new HashSet<JsonObject>(ReferenceEqualityComparer.Instance);
            foreach (var node in current)
            {
                var candidates = descendant ? SelfAndDescendants(node) : [node];
                foreach (var candidate in candidates)
                {
                    if (candidate is JsonObject owner && owner.ContainsKey(name) && seen.Add(owner))
                    {
                        matches.Add((owner, name));
                    }
                }
            }

            current = matches.Select(match => match.Owner[match.Name]).OfType<JsonNode>().ToArray();
        }

        return matches;
    }

    private static List<JsonNode> SelfAndDescendants(JsonNode node)
    {
        var all = new List<JsonNode>();
        var pending = new Stack<JsonNode>();
        pending.Push(node);
        while (pending.Count > 0)
        {
            var next = pending.Pop();
            all.Add(next);
            IEnumerable<JsonNode?> children = next switch
            {
                JsonObject obj => obj.Select(property => property.Value),
                JsonArray array => array,
                _ => [],
            };
            foreach (var child in children.OfType<JsonNode>().Reverse())
            {
                pending.Push(child);
            }
        }

        return all;
    }
}
