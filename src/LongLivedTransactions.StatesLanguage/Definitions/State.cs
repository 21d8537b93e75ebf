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

    /// <summary>The InputPath; null when the definition sets it to null (the input becomes {}).</summary>
    public PathReference? InputPath { get; } = common.InputPath;

    /// <summary>The OutputPath; null when the definition sets it to null (the output becomes {}).</summary>
    public PathReference? OutputPath { get; } = common.OutputPath;

    /// <summary>The workflow variables the state assigns when it succeeds.</summary>
    public PayloadTemplate? Assign { get; } = common.Assign;
}

/// <summary>The shared fields, gathered while parsing a state.</summary>
public sealed record StateCommon(
    string Name,
    string? Comment,
    string? Next,
    bool End,
    PathReference? InputPath,
    PathReference? OutputPath,
    PayloadTemplate? Assign);
