using System.Globalization;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.Local.Checking;

/// <summary>One state of a definition's JSON tree, with where it is and the query language it is written in.</summary>
/// <param name="Name">The state's name.</param>
/// <param name="Location">Where it is: <c>States.ProcessPayment</c>, or <c>States.P.Branches[0].States.A</c> in a branch.</param>
/// <param name="Fields">The state's fields.</param>
/// <param name="IsJsonata">True when the state is written in JSONata (its own QueryLanguage, or the machine's).</param>
internal sealed record DefinitionState(string Name, string Location, JsonObject Fields, bool IsJsonata)
{
    private const string LambdaInvoke = ":states:::lambda:invoke";
    private const string SnsPublish = ":states:::sns:publish";

    public string? Type => Field(nameof(Type));

    public string? Resource => Field(nameof(Resource));

    /// <summary>A plain function ARN as Resource (the 2018 style): the result is the function's payload alone.</summary>
    public bool CallsFunctionArn => Resource is { } resource && resource.Split(':') is { Length: 7 or 8 } parts && parts[0] == "arn" && parts[2] == "lambda" && parts[5] == "function";

    public bool IsLambdaTask => Type == "Task" && (CallsFunctionArn || Resource?.Contains(LambdaInvoke, StringComparison.Ordinal) == true);

    public bool IsSnsPublish => Type == "Task" && Resource?.EndsWith(SnsPublish, StringComparison.Ordinal) == true;

    /// <summary>
    /// Where the function is named: the Resource itself, or the FunctionName of <c>lambda:invoke</c>'s Parameters
    /// (JSONPath) or Arguments (JSONata) when it is a plain string. Null when the function is chosen at run time.
    /// </summary>
    public (JsonObject Holder, string Field)? FunctionField =>
        CallsFunctionArn ? (Fields, "Resource")
        : IsLambdaTask && Fields[IsJsonata ? "Arguments" : "Parameters"] is JsonObject arguments && Text(arguments["FunctionName"]) is { } name
            && !name.StartsWith("{%", StringComparison.Ordinal) ? (arguments, "FunctionName")
        : null;

    /// <summary>The function name or ARN the task calls, when it is written in the definition.</summary>
    public string? FunctionReference => FunctionField is var (holder, name) ? Text(holder[name]) : null;

    public string? Next => Field(nameof(Next));

    public JsonArray? Array(string name) => Fields[name] as JsonArray;

    /// <summary>A field's text, when it is a string.</summary>
    private string? Field(string name) => Text(Fields[name]);

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    /// <summary>Every state of the machine, those of Parallel branches and Map item processors included.</summary>
    public static IEnumerable<DefinitionState> All(JsonObject machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        return InGraph(machine, "States", Text(machine["QueryLanguage"]) == "JSONata");
    }

    /// <summary>The top-level states only, in the order the definition lists them.</summary>
    public static IEnumerable<DefinitionState> TopLevel(JsonObject machine)
    {
        ArgumentNullException.ThrowIfNull(machine);
        bool jsonata = Text(machine["QueryLanguage"]) == "JSONata";
        return (machine["States"] as JsonObject ?? [])
            .Where(entry => entry.Value is JsonObject)
            .Select(entry => Create(entry.Key, $"States.{entry.Key}", (JsonObject)entry.Value!, jsonata));
    }

    private static IEnumerable<DefinitionState> InGraph(JsonObject graph, string statesLocation, bool jsonata)
    {
        foreach ((string name, JsonNode? node) in graph["States"] as JsonObject ?? [])
        {
            if (node is not JsonObject fields)
            {
                continue;
            }

            DefinitionState state = Create(name, $"{statesLocation}.{name}", fields, jsonata);
            yield return state;
            foreach ((JsonObject inner, string location) in NestedGraphs(state))
            {
                foreach (DefinitionState nested in InGraph(inner, $"{location}.States", state.IsJsonata))
                {
                    yield return nested;
                }
            }
        }
    }

    private static DefinitionState Create(string name, string location, JsonObject fields, bool machineIsJsonata) =>
        new(name, location, fields, Text(fields["QueryLanguage"]) is { } language ? language == "JSONata" : machineIsJsonata);

    private static IEnumerable<(JsonObject Graph, string Location)> NestedGraphs(DefinitionState state)
    {
        if (state.Fields["Branches"] is JsonArray branches)
        {
            for (int i = 0; i < branches.Count; i++)
            {
                if (branches[i] is JsonObject branch)
                {
                    yield return (branch, $"{state.Location}.Branches[{i.ToString(CultureInfo.InvariantCulture)}]");
                }
            }
        }

        foreach (string field in new[] { "ItemProcessor", "Iterator" })
        {
            if (state.Fields[field] is JsonObject processor)
            {
                yield return (processor, $"{state.Location}.{field}");
            }
        }
    }
}
