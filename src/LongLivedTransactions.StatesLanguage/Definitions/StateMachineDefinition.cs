namespace LongLivedTransactions.StatesLanguage.Definitions;

/// <summary>A parsed, validated state machine (immutable; safe to share between executions).</summary>
public sealed class StateMachineDefinition(
    string startAt,
    IReadOnlyDictionary<string, State> states,
    string? comment,
    int? timeoutSeconds,
    string queryLanguage,
    string? version)
    : StateGraph(startAt, states, comment)
{
    /// <summary>The machine-level TimeoutSeconds: the execution times out (States.Timeout) after it.</summary>
    public int? TimeoutSeconds { get; } = timeoutSeconds;

    /// <summary>"JSONPath" (the default) or "JSONata".</summary>
    public string QueryLanguage { get; } = queryLanguage;

    public string? Version { get; } = version;
}
