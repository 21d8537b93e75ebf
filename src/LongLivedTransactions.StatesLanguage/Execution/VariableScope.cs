using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>
/// Workflow variables visible to a state. Parallel branches and Map iterations get a child scope:
/// they read the outer variables, and what they assign stays inside them.
/// </summary>
internal sealed class VariableScope(VariableScope? parent)
{
    private readonly VariableScope? _parent = parent;

    private Dictionary<string, JsonNode?>? _values;

    // JSONata reads variables in its own value model; each assigned value is converted once, when first read.
    private Dictionary<string, object?>? _jsonataValues;

    public VariableScope CreateChild() => new(this);

    public bool TryGet(string name, out JsonNode? value)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            if (scope._values is not null && scope._values.TryGetValue(name, out value))
            {
                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>A variable in JSONata's value model (converted once per assignment).</summary>
    public bool TryGetJsonata(string name, out object? value)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            if (scope._values is not null && scope._values.TryGetValue(name, out var node))
            {
                scope._jsonataValues ??= new Dictionary<string, object?>(StringComparer.Ordinal);
                lock (scope._jsonataValues)
                {
                    if (!scope._jsonataValues.TryGetValue(name, out value))
                    {
                        value = LongLivedTransactions.Jsonata.Values.JsonataValue.FromJsonNode(node);
                        scope._jsonataValues[name] = value;
                    }
                }

                return true;
            }
        }

        value = null;
        return false;
    }

    /// <summary>The variables assigned in this scope (not those it reads from its parents), as one object.</summary>
    public JsonObject ToJsonObject()
    {
        var variables = new JsonObject();
        if (_values is not null)
        {
            foreach (var (name, value) in _values)
            {
                variables[name] = value?.DeepClone();
            }
        }

        return variables;
    }

    /// <summary>Assigns the variables of one state at once (all values were computed from the old variables).</summary>
    public void AssignAll(JsonObject assigned)
    {
        foreach (var (name, value) in assigned)
        {
            Assign(name, value?.DeepClone());
        }
    }

    /// <summary>
    /// Assigns the variables a state computed, taking the values out of <paramref name="assigned"/> (left empty)
    /// rather than copying them: nothing else holds that object.
    /// </summary>
    public void TakeAll(JsonObject assigned)
    {
        var values = assigned.ToArray();
        assigned.Clear();
        foreach (var (name, value) in values)
        {
            Assign(name, value);
        }
    }

    private void Assign(string name, JsonNode? value)
    {
        _values ??= new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        _values[name] = value;
        if (_jsonataValues is not null)
        {
            lock (_jsonataValues)
            {
                _jsonataValues.Remove(name);
            }
        }
    }
}
