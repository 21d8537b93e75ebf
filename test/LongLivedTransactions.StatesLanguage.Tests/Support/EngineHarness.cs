using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.History;
using LongLivedTransactions.StatesLanguage.Parsing;
using LongLivedTransactions.StatesLanguage.Tasks;
using Microsoft.Extensions.Time.Testing;

namespace LongLivedTransactions.StatesLanguage.Tests.Support;

/// <summary>Runs a definition on the engine under a fake clock, advancing the clock until the execution ends.</summary>
internal static class EngineHarness
{
    public const string StateMachineArn = "arn:aws:states:us-east-1:111111111111:stateMachine:TestMachine";
    public const string ExecutionArn = "arn:aws:states:us-east-1:111111111111:execution:TestMachine:run-1";
    public static readonly DateTimeOffset StartTime = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<StatesLanguage.Execution.Execution> RunAsync(
        string definition,
        string input = "{}",
        IEnumerable<ITaskInvoker>? invokers = null,
        FakeTimeProvider? time = null,
        IReadOnlyList<ITaskInvoker>? extraInvokers = null)
    {
        time ??= new FakeTimeProvider(StartTime);
        var engine = new ExecutionEngine(invokers ?? [], time);
        var execution = engine.Start(new ExecutionRequest(
            StateMachineArn, ExecutionArn, "run-1", StateMachineParser.Parse(definition), input, ExtraInvokers: extraInvokers));
        await DriveAsync(execution, time);
        return execution;
    }

    /// <summary>Advances the fake clock a second at a time while the execution waits on it.</summary>
    public static async Task DriveAsync(StatesLanguage.Execution.Execution execution, FakeTimeProvider time, int maxFakeSeconds = 100_000)
    {
        for (var second = 0; second < maxFakeSeconds && !execution.Completion.IsCompleted; second++)
        {
            await Task.WhenAny(execution.Completion, Task.Delay(1));
            if (!execution.Completion.IsCompleted)
            {
                time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        Assert.True(execution.Completion.IsCompleted, "The execution did not finish.");
        await execution.Completion;
    }

    public static JsonNode? Output(StatesLanguage.Execution.Execution execution) =>
        execution.OutputJson is null ? null : JsonNode.Parse(execution.OutputJson);

    /// <summary>The history as "id prev Type" lines, the way AWS numbers events.</summary>
    public static string[] Outline(StatesLanguage.Execution.Execution execution) =>
        execution.GetHistory().Select(e => $"{e.Id} {e.PreviousEventId} {e.Type}").ToArray();

    public static IEnumerable<HistoryEvent> Events(StatesLanguage.Execution.Execution execution, string type) =>
        execution.GetHistory().Where(e => e.Type == type);

    public static void AssertJson(string expectedJson, JsonNode? actual) =>
        Assert.True(
            JsonNode.DeepEquals(JsonNode.Parse(expectedJson), actual),
            $"Expected {expectedJson} but got {actual?.ToJsonString() ?? "null"}");
}
