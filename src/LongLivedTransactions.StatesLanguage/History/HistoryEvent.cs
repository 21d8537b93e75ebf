using System.Text.Json.Nodes;

namespace LongLivedTransactions.StatesLanguage.History;

/// <summary>
/// One event of an execution history, shaped as GetExecutionHistory returns it: <paramref name="Type"/>
/// such as "TaskStateEntered", and <paramref name="Details"/> exactly as AWS puts it under the key
/// <paramref name="DetailsName"/> (for example "stateEnteredEventDetails").
/// </summary>
public sealed record HistoryEvent(
    long Id,
    long PreviousEventId,
    DateTimeOffset Timestamp,
    string Type,
    string? DetailsName,
    JsonObject? Details)
{
    // The details object, or, for an event the engine recorded, the fields it is built from on first read (one field
    // for both: an engine records far more events than anybody reads).
    private object? _details = Details;

    internal HistoryEvent(long id, long previousEventId, DateTimeOffset timestamp, string type, string? detailsName, EventDetails? details)
        : this(id, previousEventId, timestamp, type, detailsName, (JsonObject?)null) => _details = details;

    /// <summary>The details object (built on first read for events the engine recorded).</summary>
    public JsonObject? Details
    {
        get
        {
            var details = Volatile.Read(ref _details);
            if (details is EventDetails pending)
            {
                var built = pending.Build();
                details = ReferenceEquals(Interlocked.CompareExchange(ref _details, built, pending), pending) ? built : Volatile.Read(ref _details);
            }

            return (JsonObject?)details;
        }

        init => _details = value;
    }

    /// <summary>
    /// For a StateExited event, the state that runs next (null when the state ended its graph). Not part of the
    /// API shape: a journal keeps it so that an execution can carry on from its history after a restart.
    /// </summary>
    public string? NextState { get; init; }

    /// <summary>
    /// The Parallel branch or Map iteration the event belongs to, as <see cref="HistoryCursor.ChildScope"/> writes it;
    /// null for the execution's own thread. Not part of the API shape: a journal keeps it so that a restart or a redrive
    /// can tell where each branch and iteration was.
    /// </summary>
    public string? Scope { get; init; }

    // Fields that GetExecutionHistory leaves out when includeExecutionData is false.
    private static readonly string[] ExecutionDataFields =
        ["input", "inputDetails", "output", "outputDetails", "parameters", "assignedVariables", "assignedVariablesDetails"];

    /// <summary>The event as GetExecutionHistory serialises it (timestamp in epoch seconds).</summary>
    public JsonObject ToJson(bool includeExecutionData = true)
    {
        var json = new JsonObject
        {
            ["timestamp"] = Timestamp.ToUnixTimeMilliseconds() / 1000.0,
            ["type"] = Type,
            ["id"] = Id,
            ["previousEventId"] = PreviousEventId,
        };

        if (DetailsName is not null && Details is not null)
        {
            var details = (JsonObject)Details.DeepClone();
            if (!includeExecutionData)
            {
                foreach (var field in ExecutionDataFields)
                {
                    details.Remove(field);
                }
            }

            json[DetailsName] = details;
        }

        return json;
    }
}
