using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.Definitions;

/// <summary>Passes its input to its output, optionally replaced by Result or shaped by Parameters.</summary>
public sealed class PassState(StateCommon common, JsonNode? result, bool hasResult) : State(common)
{
    public override string Type => "Pass";

    public JsonNode? Result { get; } = result;

    /// <summary>True when the definition has a Result field (its value may be null).</summary>
    public bool HasResult { get; } = hasResult;
}

/// <summary>Does work through a task invoker chosen by <see cref="Resource"/>.</summary>
public sealed class TaskState(
    StateCommon common,
    string resource,
    ErrorHandling errorHandling,
    int? timeoutSeconds,
    PathReference? timeoutSecondsPath,
    int? heartbeatSeconds,
    PathReference? heartbeatSecondsPath,
    JsonataTemplate? timeoutSecondsExpression = null,
    JsonataTemplate? heartbeatSecondsExpression = null)
    : State(common)
{
    private History.EventDetails? _taskStartedDetails;

    public override string Type => "Task";

    public string Resource { get; } = resource;

    /// <summary>The parts of <see cref="Resource"/> that history events report.</summary>
    public TaskResource ResourceParts { get; } = TaskResource.Parse(resource);

    /// <summary>The details of its TaskStarted events, the same for every attempt: made once, not for every event.</summary>
    internal History.EventDetails TaskStartedDetails => _taskStartedDetails ??= History.HistoryDetails.TaskResource(ResourceParts.ResourceType, ResourceParts.ResourceName);

    public ErrorHandling ErrorHandling { get; } = errorHandling;

    public int? TimeoutSeconds { get; } = timeoutSeconds;

    public PathReference? TimeoutSecondsPath { get; } = timeoutSecondsPath;

    public int? HeartbeatSeconds { get; } = heartbeatSeconds;

    public PathReference? HeartbeatSecondsPath { get; } = heartbeatSecondsPath;

    /// <summary>TimeoutSeconds written as a JSONata expression.</summary>
    public JsonataTemplate? TimeoutSecondsExpression { get; } = timeoutSecondsExpression;

    /// <summary>HeartbeatSeconds written as a JSONata expression.</summary>
    public JsonataTemplate? HeartbeatSecondsExpression { get; } = heartbeatSecondsExpression;
}

/// <summary>Branches on the first matching rule, or Default.</summary>
public sealed class ChoiceState(StateCommon common, IReadOnlyList<ChoiceRule> choices, string? defaultState) : State(common)
{
    public override string Type => "Choice";

    public IReadOnlyList<ChoiceRule> Choices { get; } = choices;

    public string? Default { get; } = defaultState;
}

/// <summary>Waits for a number of seconds or until a timestamp.</summary>
public sealed class WaitState(
    StateCommon common,
    long? seconds,
    DateTimeOffset? timestamp,
    PathReference? secondsPath,
    PathReference? timestampPath,
    JsonataTemplate? secondsExpression = null,
    JsonataTemplate? timestampExpression = null)
    : State(common)
{
    public override string Type => "Wait";

    public long? Seconds { get; } = seconds;

    public DateTimeOffset? Timestamp { get; } = timestamp;

    public PathReference? SecondsPath { get; } = secondsPath;

    public PathReference? TimestampPath { get; } = timestampPath;

    /// <summary>Seconds written as a JSONata expression.</summary>
    public JsonataTemplate? SecondsExpression { get; } = secondsExpression;

    /// <summary>Timestamp written as a JSONata expression.</summary>
    public JsonataTemplate? TimestampExpression { get; } = timestampExpression;
}

/// <summary>Ends the execution (or branch, or iteration) successfully.</summary>
public sealed class SucceedState(StateCommon common) : State(common)
{
    public override string Type => "Succeed";
}

/// <summary>Ends the execution with an error and cause.</summary>
public sealed class FailState(
    StateCommon common,
    string? error,
    string? cause,
    ValueExpression? errorPath,
    ValueExpression? causePath,
    JsonataTemplate? errorExpression = null,
    JsonataTemplate? causeExpression = null)
    : State(common)
{
    public override string Type => "Fail";

    public string? Error { get; } = error;

    public string? Cause { get; } = cause;

    public ValueExpression? ErrorPath { get; } = errorPath;

    public ValueExpression? CausePath { get; } = causePath;

    /// <summary>Error written as a JSONata expression.</summary>
    public JsonataTemplate? ErrorExpression { get; } = errorExpression;

    /// <summary>Cause written as a JSONata expression.</summary>
    public JsonataTemplate? CauseExpression { get; } = causeExpression;
}

/// <summary>Runs its branches in parallel; the result is the array of the branch outputs.</summary>
public sealed class ParallelState(
    StateCommon common,
    IReadOnlyList<StateGraph> branches,
    ErrorHandling errorHandling)
    : State(common)
{
    public override string Type => "Parallel";

    public IReadOnlyList<StateGraph> Branches { get; } = branches;

    public ErrorHandling ErrorHandling { get; } = errorHandling;
}

/// <summary>Runs its item processor once per item of an array; the result is the array of the outputs.</summary>
public sealed class MapState(StateCommon common, MapSettings settings) : State(common)
{
    public override string Type => "Map";

    public StateGraph ItemProcessor { get; } = settings.ItemProcessor;

    /// <summary>"INLINE" or "DISTRIBUTED" (both run in process here).</summary>
    public string ProcessorMode { get; } = settings.ProcessorMode;

    public PathReference ItemsPath { get; } = settings.ItemsPath;

    /// <summary>ItemSelector, or the older Parameters field.</summary>
    public PayloadTemplate? ItemSelector { get; } = settings.ItemSelector;

    public int? MaxConcurrency { get; } = settings.MaxConcurrency;

    public PathReference? MaxConcurrencyPath { get; } = settings.MaxConcurrencyPath;

    public int? ToleratedFailureCount { get; } = settings.ToleratedFailureCount;

    public PathReference? ToleratedFailureCountPath { get; } = settings.ToleratedFailureCountPath;

    public double? ToleratedFailurePercentage { get; } = settings.ToleratedFailurePercentage;

    public PathReference? ToleratedFailurePercentagePath { get; } = settings.ToleratedFailurePercentagePath;

    public ErrorHandling ErrorHandling { get; } = settings.ErrorHandling;

    /// <summary>The Label of a distributed Map (it names the map run).</summary>
    public string? Label { get; } = settings.Label;

    /// <summary>The JSONata fields: Items, ItemSelector and the limits written as expressions.</summary>
    public MapJsonataFields? Jsonata { get; } = settings.Jsonata;

    /// <summary>Where a distributed Map's items come from instead of its input, or null.</summary>
    public MapItemReader? ItemReader { get; } = settings.ItemReader;
}

/// <summary>
/// A JSONata Map's Items (default: the input, which must be an array), ItemSelector (with
/// <c>$states.context.Map.Item</c>), and MaxConcurrency / ToleratedFailure* written as expressions.
/// </summary>
public sealed record MapJsonataFields(
    JsonataTemplate? Items,
    JsonataTemplate? ItemSelector,
    JsonataTemplate? MaxConcurrency,
    JsonataTemplate? ToleratedFailureCount,
    JsonataTemplate? ToleratedFailurePercentage);

/// <summary>The Map-specific fields, gathered while parsing.</summary>
public sealed record MapSettings(
    StateGraph ItemProcessor,
    string ProcessorMode,
    PathReference ItemsPath,
    PayloadTemplate? ItemSelector,
    int? MaxConcurrency,
    PathReference? MaxConcurrencyPath,
    int? ToleratedFailureCount,
    PathReference? ToleratedFailureCountPath,
    double? ToleratedFailurePercentage,
    PathReference? ToleratedFailurePercentagePath,
    ErrorHandling ErrorHandling,
    string? Label,
    MapJsonataFields? Jsonata = null,
    MapItemReader? ItemReader = null);
