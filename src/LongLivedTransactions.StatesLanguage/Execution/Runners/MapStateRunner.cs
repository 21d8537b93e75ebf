using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Execution.StateTesting;
using LongLivedTransactions.StatesLanguage.History;

namespace LongLivedTransactions.StatesLanguage.Execution.Runners;

/// <summary>
/// Map: runs the item processor once per item of ItemsPath (shaped by ItemSelector, with
/// <c>$$.Map.Item</c>), at most MaxConcurrency at a time (0 = all), each iteration in its own variable
/// scope. Failures beyond the tolerated count/percentage fail the state. INLINE iterations appear in
/// the history; DISTRIBUTED ones run as a map run whose child events are not part of it, as in AWS.
/// </summary>
internal static class MapStateRunner
{
    public static ValueTask<StateOutcome> RunAsync(StateVisit visit, MapState state)
    {
        var input = state.DataFlow.SelectInput(visit);
        // AWS records MapStateFailed once, when the Map gives up (not before each retry).
        return RetryAndCatch.RunAsync(
            visit,
            state.ErrorHandling,
            isTask: false,
            "MapStateFailed",
            (State: state, Input: input),
            static async (visit, map, _) => Attempt.Succeeded(await AttemptAsync(visit, map.State, map.Input).ConfigureAwait(false)));
    }

    private static async Task<StateOutcome> AttemptAsync(StateVisit visit, MapState state, JsonNode? input)
    {
        // A Map carried on from its history has started already (and its iterations too, some of them).
        var resume = visit.TakeResume();
        var items = ReadItems(visit, state, input);
        var history = visit.Run.History;
        var maxConcurrency = ReadMaxConcurrency(visit, state, input);
        if (resume is null)
        {
            history.Record(visit.Cursor, "MapStateStarted", "mapStateStartedEventDetails", HistoryDetails.MapStarted(items.Count));
        }

        var limits = ReadTolerance(visit, state, input, maxConcurrency);

        var itemInputs = new JsonNode?[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            itemInputs[i] = SelectItem(visit, state, input, i, items[i]);
        }

        var outcome = visit.Test is { } test ? MockedIterations(test, state, itemInputs, limits)
            : state.ProcessorMode == "DISTRIBUTED" ? await RunDistributedAsync(visit, state, itemInputs, limits).ConfigureAwait(false)
            : await RunInlineAsync(visit, state, itemInputs, limits, resume).ConfigureAwait(false);

        return StateEvents.Exit(visit, state.DataFlow.ApplyResult(visit, input, outcome), state.Next);
    }

    private static JsonArray ReadItems(StateVisit visit, MapState state, JsonNode? input)
    {
        if (state.ItemReader is { } reader)
        {
            // The items are in Amazon S3, which this engine does not reach: only a test brings the data the reader would read.
            var data = visit.Test?.MapItemReaderData ?? throw StateFailure.Runtime(
                visit, $"The ItemReader reads from '{reader.Resource}', which this engine does not offer; TestState can give the data it would read (mapItemReaderData).");
            return ItemReaderData.Read(reader, data);
        }

        if (state.Jsonata is { } jsonata)
        {
            if (jsonata.Items is not null)
            {
                return JsonataEvaluation.EvaluateArray(visit, jsonata.Items, new JsonataEvaluation.StatesObject(input));
            }

            return input as JsonArray
                ?? throw JsonataEvaluation.Failure(visit, $"Map state input must be an array but was: {DataFlow.ToJsonText(input)}");
        }

        if (!DataFlow.TryResolve(visit, state.ItemsPath, input, out var items, out var failure))
        {
            throw StateFailure.Runtime(visit, $"Invalid path '{state.ItemsPath.Text}' : {failure}");
        }

        visit.Test?.Inspection.AfterItemsPath = DataFlow.ToJsonText(items);

        return items as JsonArray ?? throw StateFailure.Runtime(
            visit, $"Item selection failed: the value at ItemsPath '{state.ItemsPath.Text}' is not an array: {DataFlow.ToJsonText(items)}");
    }

    private static JsonNode? SelectItem(StateVisit visit, MapState state, JsonNode? input, int index, JsonNode? item)
    {
        var jsonataSelector = state.Jsonata?.ItemSelector;
        if (state.ItemSelector is null && jsonataSelector is null)
        {
            return item?.DeepClone();
        }

        visit.MapItem = new MapItem(index, item);
        try
        {
            return jsonataSelector is not null
                ? JsonataEvaluation.Evaluate(visit, jsonataSelector, new JsonataEvaluation.StatesObject(input))
                : DataFlow.Evaluate(visit, state.ItemSelector!, input);
        }
        finally
        {
            visit.MapItem = null;
        }
    }

    private readonly record struct MapLimits(int MaxConcurrency, int? ToleratedCount, double? ToleratedPercentage);

    /// <summary>
    /// A test's Map does not run its iterations: the mock is their result, or their error; of the iterations, the
    /// configured number failed, which fails the Map when it goes beyond the tolerated failures the state sets.
    /// </summary>
    private static JsonNode? MockedIterations(StateTestRun test, MapState state, JsonNode?[] itemInputs, MapLimits limits)
    {
        var inspection = test.Inspection;
        if (state.ItemSelector is not null || state.Jsonata?.ItemSelector is not null)
        {
            inspection.AfterItemSelector = DataFlow.ToJsonText(new JsonArray(itemInputs.Select(item => item?.DeepClone()).ToArray()));
        }

        inspection.MaxConcurrency = limits.MaxConcurrency;
        inspection.ToleratedFailureCount = limits.ToleratedCount;
        inspection.ToleratedFailurePercentage = limits.ToleratedPercentage;
        var result = test.MockedResult();
        return IsTolerating(limits) && Exceeds(test.MapIterationFailureCount, itemInputs.Length, limits) ? throw ToleranceExceeded() : result;
    }

    private static StateFailure ToleranceExceeded() =>
        new(ErrorNames.ExceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded");

    /// <summary>MaxConcurrency is checked before MapStateStarted, the tolerated failures after it, as in AWS.</summary>
    private static int ReadMaxConcurrency(StateVisit visit, MapState state, JsonNode? input)
    {
        var fromExpression = ReadJsonataNumber(visit, state.Jsonata?.MaxConcurrency, input, "MaxConcurrency");
        var maxConcurrency = state.MaxConcurrency ?? (fromExpression is { } limit ? (int)limit : 0);
        if (state.MaxConcurrencyPath is { } concurrencyPath)
        {
            var value = Peek(visit, concurrencyPath, input);
            if (!TryInteger(value, out var parsed) || parsed < 0)
            {
                throw StateFailure.Runtime(visit, $"The MaxConcurrencyPath field refers to value \"{Describe(value)}\" which is not a valid integer: {concurrencyPath.Text}");
            }

            maxConcurrency = (int)Math.Min(parsed, int.MaxValue);
        }

        return maxConcurrency;
    }

    private static MapLimits ReadTolerance(StateVisit visit, MapState state, JsonNode? input, int maxConcurrency)
    {
        var toleratedCount = state.ToleratedFailureCount
            ?? (ReadJsonataNumber(visit, state.Jsonata?.ToleratedFailureCount, input, "ToleratedFailureCount") is { } count ? (int)count : null);
        if (state.ToleratedFailureCountPath is { } countPath)
        {
            var value = Peek(visit, countPath, input);
            if (!TryInteger(value, out var parsed))
            {
                throw StateFailure.Runtime(visit, $"The ToleratedFailureCountPath field refers to value \"{Describe(value)}\" which is not a valid integer: {countPath.Text}");
            }

            if (parsed < 0)
            {
                throw StateFailure.Runtime(visit, "ToleratedFailureCount cannot be negative.");
            }

            toleratedCount = (int)Math.Min(parsed, int.MaxValue);
        }

        var toleratedPercentage = state.ToleratedFailurePercentage
            ?? ReadJsonataNumber(visit, state.Jsonata?.ToleratedFailurePercentage, input, "ToleratedFailurePercentage");
        if (state.ToleratedFailurePercentagePath is { } percentagePath)
        {
            var value = Peek(visit, percentagePath, input);
            if (!TryNumber(value, out var parsed))
            {
                throw StateFailure.Runtime(visit, $"The ToleratedFailurePercentagePath field refers to value \"{Describe(value)}\" which is not a valid float: {percentagePath.Text}");
            }

            if (parsed is < 0 or > 100)
            {
                throw StateFailure.Runtime(visit, "ToleratedFailurePercentage must be between 0 and 100.");
            }

            toleratedPercentage = parsed;
        }

        return new MapLimits(maxConcurrency, toleratedCount, toleratedPercentage);
    }

    /// <summary>A Map limit written as a JSONata expression: a non-negative number, or null when not written so.</summary>
    private static double? ReadJsonataNumber(StateVisit visit, JsonataTemplate? expression, JsonNode? input, string field)
    {
        if (expression is null)
        {
            return null;
        }

        var value = JsonataEvaluation.Evaluate(visit, expression, new JsonataEvaluation.StatesObject(input));
        if (value is JsonValue number && number.GetValueKind() == JsonValueKind.Number && number.TryGetValue<double>(out var result) && result >= 0)
        {
            return Math.Min(result, int.MaxValue);
        }

        throw StateFailure.Runtime(visit, $"The {field} field must evaluate to a non-negative number, but the expression returned {DataFlow.ToJsonText(value)}");
    }

    private static JsonNode? Peek(StateVisit visit, PathReference path, JsonNode? input)
    {
        if (!DataFlow.TryPeek(visit, path, input, out var value))
        {
            throw StateFailure.Runtime(visit, $"Invalid path '{path.Text}' : No results for path: {path.Path.NormalizedPath}");
        }

        return value;
    }

    /// <summary>An integer, or a string holding one (AWS accepts both).</summary>
    private static bool TryInteger(JsonNode? value, out long result)
    {
        result = 0;
        return value is JsonValue json && json.GetValueKind() is JsonValueKind.Number or JsonValueKind.String
            && long.TryParse(Describe(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);
    }

    private static bool TryNumber(JsonNode? value, out double result)
    {
        result = 0;
        return value is JsonValue json && json.GetValueKind() is JsonValueKind.Number or JsonValueKind.String
            && double.TryParse(Describe(value), NumberStyles.Float, CultureInfo.InvariantCulture, out result);
    }

    private static string Describe(JsonNode? value) =>
        value is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : DataFlow.ToJsonText(value);

    /// <summary>
    /// Inline iterations: MapIterationStarted, the processor's events, then MapIterationSucceeded/Failed.
    /// One at a time (MaxConcurrency 1), each iteration follows the previous one's last event, as AWS numbers them.
    /// A Map carried on from its history (<paramref name="resume"/>) keeps the output of the iterations that had
    /// succeeded and runs only the others, each from the state where it was.
    /// </summary>
    private static async Task<JsonArray> RunInlineAsync(
        StateVisit visit, MapState state, JsonNode?[] itemInputs, MapLimits limits, ContainerResume? resume)
    {
        var history = visit.Run.History;
        var results = new JsonNode?[itemInputs.Length];
        var failures = new List<(int Index, StateFailure Failure, HistoryCursor Cursor)>();
        long lastSucceededId = visit.Cursor.LastEventId;
        var gate = new Lock();
        var previous = visit.Cursor.LastEventId;
        using var stopIterations = CancellationTokenSource.CreateLinkedTokenSource(visit.Cancellation);

        // Runs the iteration after event `after` (unless it had succeeded before); returns its last event.
        async Task<long> RunIterationAsync(int index, long after)
        {
            var recorded = resume?.Child(index);
            var cursor = visit.Cursor.Child(state.Name, index, recorded is { Continues: true } ? recorded.LastEventId : after);
            if (recorded?.FinishedOutput is { } output)
            {
                results[index] = JsonNode.Parse(output);
                if (!recorded.IterationSucceeded)
                {
                    history.RecordBeside(cursor, "MapIterationSucceeded", "mapIterationSucceededEventDetails", HistoryDetails.MapIteration(state.Name, index));
                }

                return after;
            }

            if (recorded is not { Continues: true })
            {
                history.Record(cursor, "MapIterationStarted", "mapIterationStartedEventDetails", HistoryDetails.MapIteration(state.Name, index));
            }

            try
            {
                var outcome = await GraphRunner.RunChildAsync(
                    visit.Run, state.ItemProcessor, itemInputs[index], null, cursor, visit.Variables, recorded, stopIterations.Token).ConfigureAwait(false);
                results[index] = DataFlow.Owned(outcome.Output);
                var succeededId = history.RecordBeside(cursor, "MapIterationSucceeded", "mapIterationSucceededEventDetails", HistoryDetails.MapIteration(state.Name, index));
                lock (gate)
                {
                    lastSucceededId = Math.Max(lastSucceededId, succeededId);
                }
            }
            catch (StateFailure failure)
            {
                history.RecordBeside(cursor, "MapIterationFailed", "mapIterationFailedEventDetails", HistoryDetails.MapIteration(state.Name, index));
                results[index] = ErrorOutput(failure);
                bool exceeded;
                lock (gate)
                {
                    failures.Add((index, failure, cursor));
                    exceeded = Exceeds(failures.Count, itemInputs.Length, limits);
                }

                if (exceeded)
                {
                    await stopIterations.CancelAsync().ConfigureAwait(false);
                }
            }

            return cursor.LastEventId;
        }

        if (limits.MaxConcurrency == 1)
        {
            for (var i = 0; i < itemInputs.Length && !stopIterations.IsCancellationRequested; i++)
            {
                previous = await RunIterationAsync(i, previous).ConfigureAwait(false);
            }
        }
        else
        {
            await RunConcurrentlyAsync(
                itemInputs.Length,
                limits.MaxConcurrency,
                async index =>
                {
                    await Task.Yield();
                    await RunIterationAsync(index, previous).ConfigureAwait(false);
                },
                stopIterations.Token).ConfigureAwait(false);
        }

        visit.Cancellation.ThrowIfCancellationRequested();
        if (failures.Count > 0 && Exceeds(failures.Count, itemInputs.Length, limits))
        {
            var first = failures.OrderBy(f => f.Index).First();
            visit.Cursor.LastEventId = first.Cursor.LastEventId;
            throw IsTolerating(limits) ? ToleranceExceeded() : first.Failure;
        }

        visit.Cursor.LastEventId = lastSucceededId;
        history.RecordBeside(visit.Cursor, "MapStateSucceeded");
        return new JsonArray(results);
    }

    /// <summary>Distributed: one map run; its child executions are not part of this history.</summary>
    private static async Task<JsonArray> RunDistributedAsync(StateVisit visit, MapState state, JsonNode?[] itemInputs, MapLimits limits)
    {
        var history = visit.Run.History;
        var mapRunArn = MapRunArn(visit, state);
        history.Record(visit.Cursor, "MapRunStarted", "mapRunStartedEventDetails", HistoryDetails.MapRunStarted(mapRunArn));
        var results = new JsonNode?[itemInputs.Length];
        var failures = new List<(int Index, StateFailure Failure)>();
        var gate = new Lock();
        using var stopIterations = CancellationTokenSource.CreateLinkedTokenSource(visit.Cancellation);
        await RunConcurrentlyAsync(itemInputs.Length, limits.MaxConcurrency, RunChildAsync, stopIterations.Token).ConfigureAwait(false);

        async Task RunChildAsync(int index)
        {
            await Task.Yield();
            var childHistory = new HistoryRecorder(visit.Run.Time);
            var childRun = new ExecutionRun(visit.Run.Request, visit.Run.Invokers, visit.Run.Time, childHistory, stopIterations.Token)
            {
                InputJson = DataFlow.ToJsonText(itemInputs[index]),
                Callbacks = visit.Run.Callbacks,
                Sizes = visit.Run.Sizes,
                CallbackScope = $"{visit.Run.CallbackScope}map/{visit.EnteredEventId}/{index}/",
            };
            try
            {
                var outcome = await GraphRunner.RunAsync(
                    childRun, state.ItemProcessor, itemInputs[index]?.DeepClone(), null, new HistoryCursor(0), new VariableScope(null), stopIterations.Token).ConfigureAwait(false);
                results[index] = DataFlow.Owned(outcome.Output);
            }
            catch (StateFailure failure)
            {
                results[index] = ErrorOutput(failure);
                bool exceeded;
                lock (gate)
                {
                    failures.Add((index, failure));
                    exceeded = Exceeds(failures.Count, itemInputs.Length, limits);
                }

                if (exceeded)
                {
                    await stopIterations.CancelAsync().ConfigureAwait(false);
                }
            }
        }

        visit.Cancellation.ThrowIfCancellationRequested();
        if (failures.Count > 0 && Exceeds(failures.Count, itemInputs.Length, limits))
        {
            history.RecordBeside(visit.Cursor, "MapRunFailed");
            var first = failures.OrderBy(f => f.Index).First();
            throw IsTolerating(limits) ? ToleranceExceeded() : first.Failure;
        }

        // Both MapStateSucceeded and MapStateExited follow MapRunSucceeded, as AWS numbers them.
        history.Record(visit.Cursor, "MapRunSucceeded");
        history.RecordBeside(visit.Cursor, "MapStateSucceeded");
        return new JsonArray(results);
    }

    private static string MapRunArn(StateVisit visit, MapState state)
    {
        var arn = visit.Run.Request.StateMachineArn.Replace(":stateMachine:", ":mapRun:", StringComparison.Ordinal);
        return $"{arn}/{state.Label ?? Guid.NewGuid().ToString()}:{Guid.NewGuid()}";
    }

    private static JsonObject ErrorOutput(StateFailure failure) => new()
    {
        ["Error"] = failure.Error,
        ["Cause"] = failure.Cause ?? string.Empty,
    };

    private static bool IsTolerating(MapLimits limits) => limits.ToleratedCount is not null || limits.ToleratedPercentage is not null;

    /// <summary>With no tolerance set, any failure fails the Map; otherwise it fails only beyond both limits that are set.</summary>
    private static bool Exceeds(int failed, int total, MapLimits limits)
    {
        if (!IsTolerating(limits))
        {
            return failed > 0;
        }

        var overCount = limits.ToleratedCount is { } count && failed > count;
        var overPercentage = limits.ToleratedPercentage is { } percentage && total > 0 && failed * 100.0 / total > percentage;
        return overCount || overPercentage;
    }

    /// <summary>Runs <paramref name="body"/> for 0..count-1 with at most <paramref name="maxConcurrency"/> at once (0 = no limit).</summary>
    private static async Task RunConcurrentlyAsync(int count, int maxConcurrency, Func<int, Task> body, CancellationToken stop)
    {
        using var slots = new SemaphoreSlim(maxConcurrency == 0 ? count + 1 : maxConcurrency);
        var running = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            try
            {
                await slots.WaitAsync(stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var index = i;
            running.Add(RunAndReleaseAsync(index));
        }

        try
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Iterations stopped because the tolerated failures were exceeded (or the execution stopped).
        }

        async Task RunAndReleaseAsync(int index)
        {
            try
            {
                await body(index).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        }
    }
}
