using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Persistence;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.History;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// StartExecution, StartSyncExecution, DescribeExecution, DescribeStateMachineForExecution, GetExecutionHistory,
/// ListExecutions, StopExecution and RedriveExecution.
/// </summary>
public sealed class ExecutionOperations(StateMachineRegistry registry, ExecutionStore executions)
{
    public JsonObject Start(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        StateMachineArn arn = StepFunctionsArns.ParseStateMachine(request.RequiredString("stateMachineArn"));
        string name = ExecutionName(request);
        string input = request.OptionalString("input") ?? "{}";
        StateMachineRecord stateMachine = registry.Get(arn);
        if (stateMachine.IsExpress)
        {
            // Express executions are only run synchronously here; AWS would also run them asynchronously.
            throw StepFunctionsErrors.StateMachineTypeNotSupported(
                "This endpoint runs EXPRESS state machines with StartSyncExecution only.");
        }

        ExecutionRecord record = executions.Start(stateMachine, arn, name, input);
        return new JsonObject
        {
            ["executionArn"] = record.ExecutionArn,
            ["startDate"] = ApiJson.Timestamp(record.Stored.StartDate),
        };
    }

    public async Task<JsonObject> StartSyncAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        StateMachineArn arn = StepFunctionsArns.ParseStateMachine(request.RequiredString("stateMachineArn"));
        string name = ExecutionName(request);
        string input = request.OptionalString("input") ?? "{}";
        StateMachineRecord stateMachine = registry.Get(arn);
        if (!stateMachine.IsExpress)
        {
            throw StepFunctionsErrors.StateMachineTypeNotSupported(
                "This operation is supported for EXPRESS state machines only.");
        }

        Execution execution = await executions.RunSynchronouslyAsync(stateMachine, arn, name, input, cancellationToken).ConfigureAwait(false);
        DateTimeOffset stop = execution.StopDate ?? execution.StartDate;
        JsonObject json = Summary(
            execution.ExecutionArn, stateMachine.Arn.Arn, execution.Name, ApiJson.StatusText(execution.Status), execution.StartDate, execution.StopDate);
        AddData(json, execution.InputJson, execution.OutputJson, execution.Error, execution.Cause);
        json["billingDetails"] = new JsonObject
        {
            ["billedMemoryUsedInMB"] = 64,
            ["billedDurationInMilliseconds"] = Math.Max(100, (long)Math.Ceiling((stop - execution.StartDate).TotalMilliseconds / 100) * 100),
        };
        return json;
    }

    public JsonObject Describe(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ExecutionRecord record = Find(request);
        StoredExecution stored = record.Stored;
        JsonObject json = Summary(record);
        AddData(json, stored.Input, stored.Output, stored.Error, stored.Cause);
        json["redriveCount"] = stored.RedriveCount;
        json.With("redriveDate", stored.RedriveDate is { } redriven ? ApiJson.Timestamp(redriven) : null);
        var (redrivable, reason) = executions.RedriveStatus(record);
        json["redriveStatus"] = redrivable ? "REDRIVABLE" : "NOT_REDRIVABLE";
        return json.With("redriveStatusReason", reason);
    }

    public JsonObject DescribeStateMachine(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StateMachineOperations.Describe(executions.StateMachineOf(Find(request)), includeStatus: false);
    }

    /// <summary>RedriveExecution: answers the redrive date; the execution runs again from the state that failed.</summary>
    public JsonObject Redrive(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string arn = StepFunctionsArns.ValidateExecution(request.RequiredString("executionArn"));
        _ = request.OptionalString("clientToken", 64);
        ExecutionRecord record = executions.Redrive(arn);
        return new JsonObject { ["redriveDate"] = ApiJson.Timestamp(record.Stored.RedriveDate ?? record.Stored.StartDate) };
    }

    public JsonObject History(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        bool reverse = request.OptionalBool("reverseOrder") ?? false;
        bool includeData = request.OptionalBool("includeExecutionData") ?? true;
        int? maxResults = request.OptionalInt("maxResults", 0, Pagination.MaxPageSize);
        string? nextToken = request.OptionalString("nextToken");
        ExecutionRecord record = Find(request);
        IReadOnlyList<HistoryEvent> history = executions.History(record);
        IReadOnlyList<HistoryEvent> ordered = reverse ? history.Reverse().ToList() : history;

        var (page, next) = Pagination.Page(
            ordered, maxResults, nextToken, $"history:{record.ExecutionArn}:{(reverse ? "reverse" : "forward")}");
        var events = new JsonArray();
        foreach (HistoryEvent historyEvent in page)
        {
            events.Add(historyEvent.ToJson(includeData));
        }

        return new JsonObject { ["events"] = events }.With("nextToken", next);
    }

    public JsonObject List(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.OptionalString("mapRunArn") is not null)
        {
            throw StepFunctionsErrors.Validation(
                "Value at 'mapRunArn' failed to satisfy constraint: map runs are not listed by this endpoint; use stateMachineArn");
        }

        StateMachineArn arn = StepFunctionsArns.ParseStateMachine(
            request.OptionalString("stateMachineArn")
            ?? throw StepFunctionsErrors.Validation("Must provide a StateMachine ARN or MapRun ARN"));
        StateMachineRecord stateMachine = registry.Get(arn);
        if (stateMachine.IsExpress)
        {
            throw StepFunctionsErrors.StateMachineTypeNotSupported("This operation is not supported by this type of state machine");
        }

        ExecutionStatus? status = ApiJson.ParseStatus(
            request.OptionalEnum("statusFilter", "RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"));
        // Paged by the database: a token holds the key of the page's last execution, so pages do not shift when
        // executions start meanwhile.
        string listId = $"executions:{stateMachine.Arn.Arn}:{status}";
        int size = Pagination.PageSize(request.OptionalInt("maxResults", 0, Pagination.MaxPageSize));
        long? beforeSeq = request.OptionalString("nextToken") is { } token ? Pagination.ReadPosition(token, listId) : null;
        IReadOnlyList<ExecutionRecord> page = executions.List(stateMachine.Arn.Arn, status, beforeSeq, size + 1);
        string? nextToken = page.Count > size ? Pagination.WriteToken(page[size - 1].Stored.Seq, listId) : null;
        var list = new JsonArray();
        foreach (ExecutionRecord record in page.Take(size))
        {
            list.Add(Summary(record).With("redriveCount", record.Stored.RedriveCount > 0 ? record.Stored.RedriveCount : null)
                .With("redriveDate", record.Stored.RedriveDate is { } redriven ? ApiJson.Timestamp(redriven) : null));
        }

        return new JsonObject { ["executions"] = list }.With("nextToken", nextToken);
    }

    public JsonObject Stop(ApiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string arn = StepFunctionsArns.ValidateExecution(request.RequiredString("executionArn"));
        string? error = request.OptionalString("error", 256);
        string? cause = request.OptionalString("cause", 32768);
        ExecutionRecord record = executions.Stop(arn, error, cause);
        DateTimeOffset stopDate = record.Stored.StopDate ?? record.Stored.StartDate;
        return new JsonObject { ["stopDate"] = ApiJson.Timestamp(stopDate) };
    }

    private ExecutionRecord Find(ApiRequest request) =>
        executions.Get(StepFunctionsArns.ValidateExecution(request.RequiredString("executionArn")));

    private static string ExecutionName(ApiRequest request)
    {
        string name = request.OptionalString("name") ?? Guid.NewGuid().ToString();
        return ResourceNames.IsValid(name) ? name : throw StepFunctionsErrors.InvalidName(name);
    }

    private static JsonObject Summary(ExecutionRecord record) => Summary(
        record.ExecutionArn, record.Stored.StateMachineArn, record.Stored.Name, record.Stored.Status, record.Stored.StartDate, record.Stored.StopDate);

    /// <summary>The members every execution description shares (the ListExecutions item shape).</summary>
    private static JsonObject Summary(
        string executionArn, string stateMachineArn, string name, string status, DateTimeOffset startDate, DateTimeOffset? stopDate) =>
        new JsonObject
        {
            ["executionArn"] = executionArn,
            ["stateMachineArn"] = stateMachineArn,
            ["name"] = name,
            ["status"] = status,
            ["startDate"] = ApiJson.Timestamp(startDate),
        }.With("stopDate", stopDate is { } stop ? ApiJson.Timestamp(stop) : null);

    private static void AddData(JsonObject json, string input, string? output, string? error, string? cause)
    {
        json["input"] = input;
        json["inputDetails"] = new JsonObject { ["included"] = true };
        if (output is not null)
        {
            json["output"] = output;
            json["outputDetails"] = new JsonObject { ["included"] = true };
        }

        json.With("error", error).With("cause", cause);
    }
}
