using System.Text.RegularExpressions;
using LongLivedTransactions.StatesLanguage.Definitions;

namespace LongLivedTransactions.Local.Diagrams;

/// <summary>
/// Writes a parsed state machine as a mermaid flowchart: one node per state (a rhombus for Choice, rounded ends for
/// Succeed and Fail), Next edges solid, Choice edges labelled with their condition, Catch edges dotted and labelled with
/// their errors, and each Parallel (one subgraph per branch inside it) or Map (its item processor inside it) a subgraph.
/// The same definition always gives the same text, so a diagram kept in a document can be checked against it.
/// </summary>
public static partial class MermaidFlowchart
{
    private const string StartId = "__start";

    // Words mermaid reads as syntax in a flowchart, so a state cannot use them as its id.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "end", "graph", "flowchart", "subgraph", "direction", "style", "class", "classDef", "click", "linkStyle", "default", StartId,
    };

    public static string Generate(StateMachineDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var ids = new Ids();
        var text = new List<string>();
        text.Add("flowchart TD");
        text.Add($"    {StartId}((\" \")) --> {ids.Of(definition.StartAt)}");
        WriteGraph(text, definition, ids, "    ");
        text.Add("    classDef choice fill:#eef2f6,stroke:#5f6b7a");
        text.Add("    classDef succeed fill:#e9f6e6,stroke:#1d8102");
        text.Add("    classDef fail fill:#fdecea,stroke:#d13212");
        text.Add($"    style {StartId} fill:#232f3e,stroke:#232f3e");
        return string.Join('\n', text) + "\n";
    }

    private static void WriteGraph(List<string> text, StateGraph graph, Ids ids, string indent)
    {
        foreach (State state in graph.States.Values)
        {
            WriteState(text, state, ids, indent);
        }

        foreach (State state in graph.States.Values)
        {
            WriteEdges(text, state, ids, indent);
        }
    }

    private static void WriteState(List<string> text, State state, Ids ids, string indent)
    {
        string id = ids.Of(state.Name);
        string label = Escape(state.Name);
        switch (state)
        {
            case ParallelState parallel:
                text.Add($"{indent}subgraph {id}[\"Parallel: {label}\"]");
                for (int i = 0; i < parallel.Branches.Count; i++)
                {
                    text.Add($"{indent}    subgraph {ids.Of($"{state.Name}\0branch{i}")}[\"Branch {i + 1}\"]");
                    WriteGraph(text, parallel.Branches[i], ids, indent + "        ");
                    text.Add($"{indent}    end");
                }

                text.Add($"{indent}end");
                break;
            case MapState map:
                text.Add($"{indent}subgraph {id}[\"Map: {label}\"]");
                WriteGraph(text, map.ItemProcessor, ids, indent + "    ");
                text.Add($"{indent}end");
                break;
            case ChoiceState:
                text.Add($"{indent}{id}{{\"{label}\"}}:::choice");
                break;
            case SucceedState:
                text.Add($"{indent}{id}([\"{label}\"]):::succeed");
                break;
            case FailState:
                text.Add($"{indent}{id}([\"{label}\"]):::fail");
                break;
            default:
                text.Add($"{indent}{id}[\"{label}\"]");
                break;
        }
    }

    private static void WriteEdges(List<string> text, State state, Ids ids, string indent)
    {
        string from = ids.Of(state.Name);
        if (state.Next is { } next)
        {
            text.Add($"{indent}{from} --> {ids.Of(next)}");
        }

        if (state is ChoiceState choice)
        {
            foreach (ChoiceRule rule in choice.Choices)
            {
                text.Add($"{indent}{from} -->|\"{Escape(ChoiceRuleText.Shortened(rule))}\"| {ids.Of(rule.Next!)}");
            }

            if (choice.Default is { } fallback)
            {
                text.Add($"{indent}{from} -->|\"Default\"| {ids.Of(fallback)}");
            }
        }

        // Catchers with the same target are one edge, labelled with all their errors.
        ErrorHandling? handling = state switch
        {
            TaskState task => task.ErrorHandling,
            ParallelState parallel => parallel.ErrorHandling,
            MapState map => map.ErrorHandling,
            _ => null,
        };
        foreach (IGrouping<string, Catcher> target in (handling?.Catchers ?? []).GroupBy(c => c.Next, StringComparer.Ordinal))
        {
            string errors = string.Join(", ", target.SelectMany(c => c.ErrorEquals).Distinct(StringComparer.Ordinal));
            text.Add($"{indent}{from} -.->|\"{Escape(errors)}\"| {ids.Of(target.Key)}");
        }
    }

    /// <summary>Mermaid entity codes for the characters that end or change a quoted label.</summary>
    private static string Escape(string text) =>
        text.Replace("#", "#35;", StringComparison.Ordinal)
            .Replace("\"", "#quot;", StringComparison.Ordinal)
            .Replace("|", "#124;", StringComparison.Ordinal)
            .Replace("<", "#lt;", StringComparison.Ordinal)
            .Replace(">", "#gt;", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal);

    [GeneratedRegex("[^A-Za-z0-9_]")]
    private static partial Regex NotIdCharacter();

    /// <summary>A mermaid id per state name: the name's letters, digits and underscores, made unique.</summary>
    private sealed class Ids
    {
        private readonly Dictionary<string, string> byName = new(StringComparer.Ordinal);
        private readonly HashSet<string> used = new(StringComparer.OrdinalIgnoreCase);

        public string Of(string name)
        {
            if (byName.TryGetValue(name, out string? id))
            {
                return id;
            }

            string candidate = NotIdCharacter().Replace(name.Replace('\0', '_'), "_");
            if (candidate.Length == 0 || char.IsAsciiDigit(candidate[0]) || Reserved.Contains(candidate))
            {
                candidate = $"s_{candidate}";
            }

            id = candidate;
            for (int n = 2; !used.Add(id); n++)
            {
                id = $"{candidate}_{n}";
            }

            byName[name] = id;
            return id;
        }
    }
}
