using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.Core.Json;
using LongLivedTransactions.Testing;
using Xunit.Abstractions;

namespace LongLivedTransactions.Local.Tests.Api;

/// <summary>Many clients at once: every StartExecution is answered, every execution ends, no history loses an event.</summary>
public sealed class ConcurrencyTests(LocalServerFixture fixture, ITestOutputHelper output) : IClassFixture<LocalServerFixture>
{
    private const int Executions = 200;

    private static readonly string[] SucceededPath =
        ["ProcessOrder", "ProcessPayment", "ReserveInventory", "sns:NotifySuccess", "OrderSucceeded"];

    [Fact]
    public async Task Two_hundred_concurrent_start_executions_all_complete_with_complete_histories()
    {
        var clock = Stopwatch.StartNew();
        using var gate = new SemaphoreSlim(0);
        Task<JsonObject>[] starts = Enumerable.Range(0, Executions).Select(async i =>
        {
            await gate.WaitAsync();
            string input = JsonSerializer.Serialize(SampleOrders.Create(), SagaJsonContext.Default.Order);
            return await fixture.CallOkAsync("StartExecution", new JsonObject
            {
                ["stateMachineArn"] = fixture.Server.SagaStateMachineArn,
                ["name"] = $"concurrent-{i}-{Guid.NewGuid():N}",
                ["input"] = input,
            });
        }).ToArray();
        gate.Release(Executions);
        JsonObject[] started = await Task.WhenAll(starts);
        TimeSpan allStarted = clock.Elapsed;

        var arns = started.Select(s => s["executionArn"]!.GetValue<string>()).ToList();
        Assert.Equal(Executions, arns.Distinct(StringComparer.Ordinal).Count());

        JsonObject[] ends = await Task.WhenAll(arns.Select(arn => fixture.WaitForEndAsync(arn, TimeSpan.FromMinutes(2))));
        TimeSpan allEnded = clock.Elapsed;
        Assert.All(ends, end => Assert.Equal("SUCCEEDED", end["status"]!.GetValue<string>()));

        foreach (string arn in arns)
        {
            JsonObject history = await fixture.CallOkAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = arn, ["maxResults"] = 1000 });
            var events = history["events"]!.AsArray().Select(e => e!.AsObject()).ToList();
            Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e["id"]!.GetValue<long>()));
            Assert.Equal("ExecutionSucceeded", events[^1]["type"]!.GetValue<string>());
            Assert.Equal(
                SucceededPath,
                events.Where(e => e["type"]!.GetValue<string>().EndsWith("StateEntered", StringComparison.Ordinal))
                    .Select(e => e["stateEnteredEventDetails"]!["name"]!.GetValue<string>()));
        }

        JsonObject listed = await fixture.CallOkAsync("ListExecutions", new JsonObject
        {
            ["stateMachineArn"] = fixture.Server.SagaStateMachineArn,
            ["maxResults"] = 1000,
        });
        var listedArns = listed["executions"]!.AsArray().Select(e => e!["executionArn"]!.GetValue<string>()).ToHashSet();
        Assert.Superset(arns.ToHashSet(), listedArns);

        output.WriteLine($"{Executions} concurrent StartExecution calls answered in {allStarted.TotalMilliseconds:0} ms; all executions ended by {allEnded.TotalMilliseconds:0} ms.");
    }
}
