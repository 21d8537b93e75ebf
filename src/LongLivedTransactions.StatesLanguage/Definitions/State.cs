namespace LongLivedTransactions.StatesLanguage.Definitions;

/// <summary>The fields every state type shares. One subclass per state type.</summary>
public abstract class State(StateCommon common)
{
    public string Name { get; } = common.Name;

    /// <summary>"Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel" or "Map".</summary>
    public abstract string Type { get; }

    public string? Comment { get; } = common.Comment;

    /// <summary>The next state, or null for a terminal state (End, Succeed, Fail) or a Choice.</summary>
    public string? Next { get; } = common.Next;

    public bool End { get; } = common.End;

    /// <summary>How data flows through the state, in its query language.</summary>
    public StateDataFlow DataFlow { get; } = common.DataFlow;
}

/// <summary>The shared fields, gathered while parsing a state.</summary>
public sealed record StateCommon(string Name, string? Comment, string? Next, bool End, StateDataFlow DataFlow);
