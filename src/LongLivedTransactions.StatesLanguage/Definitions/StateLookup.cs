namespace LongLivedTransactions.StatesLanguage.Definitions;

/// <summary>Finds states in a definition, including those nested in Map item processors and Parallel branches.</summary>
public static class StateLookup
{
    /// <summary>The state named <paramref name="name"/> in the graph or any graph nested in it, or null (names are unique in a definition).</summary>
    public static State? Find(StateGraph graph, string name)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (graph.States.TryGetValue(name, out var state))
        {
            return state;
        }

        foreach (var candidate in graph.States.Values)
        {
            foreach (var child in ChildGraphs(candidate))
            {
                if (Find(child, name) is { } nested)
                {
                    return nested;
                }
            }
        }

        return null;
    }

    /// <summary>The graphs directly inside a state: a Map's item processor, a Parallel state's branches; none for the other types.</summary>
    public static IReadOnlyList<StateGraph> ChildGraphs(State state) => state switch
    {
        MapState map => [map.ItemProcessor],
        ParallelState parallel => parallel.Branches,
        _ => [],
    };
}
