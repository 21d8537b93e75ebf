using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.History;
using LongLivedTransactions.StatesLanguage.Tasks;

namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>Everything one running execution shares between its states, branches and iterations.</summary>
internal sealed class ExecutionRun
{
    // Read from the ARNs on first use: many executions never need them.
    private string? _stateMachineName;
    private string? _region;
    private JsonSize? _sizes;

    /// <param name="startTime">When the execution started; now when not given (a state test, a distributed Map's child run).</param>
    public ExecutionRun(
        ExecutionRequest request, IReadOnlyList<ITaskInvoker> invokers, TimeProvider time, HistoryRecorder history, CancellationToken cancellation,
        DateTimeOffset? startTime = null)
    {
        Request = request;
        Invokers = invokers;
        Time = time;
        History = history;
        Cancellation = cancellation;
        StartTime = startTime ?? time.GetUtcNow();
    }

    public ExecutionRequest Request { get; }

    public StateMachineDefinition Definition => Request.Definition;

    public IReadOnlyList<ITaskInvoker> Invokers { get; }

    public TimeProvider Time { get; }

    public HistoryRecorder History { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>
    /// Measures state data against the payload limit: the engine's, shared with its other executions; a run of its own
    /// (a state test) makes one when it first measures.
    /// </summary>
    public JsonSize Sizes
    {
        get => _sizes ??= new JsonSize();
        init => _sizes = value;
    }

    /// <summary>When the execution started (<c>$$.Execution.StartTime</c>); an execution resumed after a restart keeps its own.</summary>
    public DateTimeOffset StartTime { get; }

    /// <summary>What Wait states and Retry back-off are multiplied by (<see cref="ExecutionEngine.DelayScale"/>).</summary>
    public double DelayScale { get; init; } = 1;

    /// <summary>This execution's claim on the engine's bounded number of executions at work (<see cref="ExecutionEngine.MaxRunningExecutions"/>).</summary>
    public RunSlot Slot { get; init; } = RunSlot.Unbounded;

    /// <summary>Where the execution does its work: threads of the engine's own, or the thread pool when null.</summary>
    public ExecutionThreads? Threads { get; init; }

    /// <summary>Where the tasks that wait for a callback (<c>.waitForTaskToken</c>) get their tokens and their answers.</summary>
    public required Callbacks.TaskCallbacks Callbacks { get; init; }

    /// <summary>Empty for the execution's own states; names the child run of a distributed Map (in its task tokens).</summary>
    public string CallbackScope { get; init; } = "";

    /// <summary>Set to end the execution at its next state transition (its state machine is being deleted).</summary>
    public StateFailure? Termination { get; set; }

    /// <summary>
    /// The last node a JSONata field found written as JSONata writes it (<see cref="JsonataEvaluation"/>): the output one
    /// state hands on is the next state's <c>$states.input</c>, checked once for both. State data never changes once
    /// recorded, so the answer holds for as long as the node lives (Parallel branches may overwrite it: it only saves work).
    /// </summary>
    public System.Text.Json.Nodes.JsonNode? LastNormalized { get; set; }

    public string StateMachineName => _stateMachineName ??= LastArnSegment(Request.StateMachineArn);

    /// <summary>The region of the state machine ARN (reported in TaskScheduled events).</summary>
    public string Region => _region ??= ArnPart(Request.StateMachineArn, 3) ?? "us-east-1";

    /// <summary>The execution input text, parsed afresh for each <c>$$.Execution.Input</c> (the states' data changes in place).</summary>
    public string InputJson { get; init; } = "{}";

    /// <summary>A fresh context object (<c>$$</c>) for a state visit; a test may give its own (a Map item is added to either).</summary>
    public JsonObject BuildContextObject(StateVisit visit)
    {
        var state = new JsonObject
        {
            ["EnteredTime"] = Timestamps.Format(visit.EnteredTime),
            ["Name"] = visit.State.Name,
        };
        if (visit.State is TaskState)
        {
            state["RetryCount"] = visit.RetryCount;
        }

        var context = visit.Test?.Context?.DeepClone().AsObject() ?? new JsonObject
        {
            ["Execution"] = new JsonObject
            {
                ["Id"] = Request.ExecutionArn,
                ["Input"] = JsonNode.Parse(InputJson),
                ["StartTime"] = Timestamps.Format(StartTime),
                ["Name"] = Request.ExecutionName,
                ["RoleArn"] = Request.RoleArn,
                ["RedriveCount"] = Request.RedriveCount,
            },
            ["StateMachine"] = new JsonObject
            {
                ["Id"] = Request.StateMachineArn,
                ["Name"] = StateMachineName,
            },
            ["State"] = state,
        };
        if (visit.TaskToken is { } token)
        {
            context["Task"] = new JsonObject { ["Token"] = token };
        }

        if (visit.MapItem is { } item)
        {
            context["Map"] = new JsonObject
            {
                ["Item"] = new JsonObject
                {
                    ["Index"] = item.Index,
                    ["Value"] = item.Value?.DeepClone(),
                },
            };
        }

        return context;
    }

    private static string LastArnSegment(string arn)
    {
        var colon = arn.LastIndexOf(':');
        return colon < 0 ? arn : arn[(colon + 1)..];
    }

    private static string? ArnPart(string arn, int index)
    {
        // Walked rather than split: only the part asked for becomes a string.
        var rest = arn.AsSpan();
        for (var i = 0; i < index; i++)
        {
            var colon = rest.IndexOf(':');
            if (colon < 0)
            {
                return null;
            }

            rest = rest[(colon + 1)..];
        }

        var end = rest.IndexOf(':');
        var part = end < 0 ? rest : rest[..end];
        return part.Length > 0 ? part.ToString() : null;
    }
}
