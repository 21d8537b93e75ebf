namespace LongLivedTransactions.StatesLanguage.Execution.StateTesting;

/// <summary>
/// The data one tested state produced at each step of its pipeline, as JSON texts taken when the step ran (later
/// steps change the state's data in place). A step the state did not reach, or does not have, stays null; which
/// steps a report shows for which state type is the reporter's choice.
/// </summary>
public sealed class StateInspection
{
    /// <summary>The raw state input.</summary>
    public string? Input { get; internal set; }

    /// <summary>JSONPath: the input after InputPath.</summary>
    public string? AfterInputPath { get; internal set; }

    /// <summary>JSONPath: the effective input after Parameters (the input itself without Parameters).</summary>
    public string? AfterParameters { get; internal set; }

    /// <summary>JSONata: what Arguments evaluated to (the input itself without Arguments).</summary>
    public string? AfterArguments { get; internal set; }

    /// <summary>The state's raw result: a task's result, a Pass state's Result, a Map's or Parallel's array.</summary>
    public string? Result { get; internal set; }

    /// <summary>JSONPath: the result after ResultSelector.</summary>
    public string? AfterResultSelector { get; internal set; }

    /// <summary>JSONPath: the result placed into the input by ResultPath (before OutputPath).</summary>
    public string? AfterResultPath { get; internal set; }

    /// <summary>JSONPath Map: the items ItemsPath selected.</summary>
    public string? AfterItemsPath { get; internal set; }

    /// <summary>Map with an ItemSelector: the array of every iteration's input.</summary>
    public string? AfterItemSelector { get; internal set; }

    /// <summary>Map: the MaxConcurrency in effect (0: no limit).</summary>
    public int? MaxConcurrency { get; internal set; }

    /// <summary>Map: the ToleratedFailureCount, when the state sets one.</summary>
    public int? ToleratedFailureCount { get; internal set; }

    /// <summary>Map: the ToleratedFailurePercentage, when the state sets one.</summary>
    public double? ToleratedFailurePercentage { get; internal set; }

    /// <summary>The workflow variables after the state (those given on entry and those it assigned), when there are any.</summary>
    public string? Variables { get; internal set; }

    /// <summary>The index of the Retry rule that matched the error.</summary>
    public int? RetryIndex { get; internal set; }

    /// <summary>The back-off before the retry the matching rule would make (without jitter).</summary>
    public int? RetryBackoffIntervalSeconds { get; internal set; }

    /// <summary>The index of the Catch rule that handled the error.</summary>
    public int? CatchIndex { get; internal set; }
}
