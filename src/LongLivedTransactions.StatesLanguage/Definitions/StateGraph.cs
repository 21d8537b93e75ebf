namespace LongLivedTransactions.StatesLanguage.Definitions;

/// <summary>A set of states with a start state: a whole state machine, a Parallel branch or a Map item processor.</summary>
public class StateGraph(string startAt, IReadOnlyDictionary<string, State> states, string? comment)
{
    public string StartAt { get; } = startAt;

    public IReadOnlyDictionary<string, State> States { get; } = states;

    public string? Comment { get; } = comment;
}
