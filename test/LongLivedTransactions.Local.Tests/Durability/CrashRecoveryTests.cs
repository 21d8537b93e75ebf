using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using LongLivedTransactions.Core.Json;
using LongLivedTransactions.Core.Model;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Local.DynamoDb;
using LongLivedTransactions.Local.Workflow;
using LongLivedTransactions.Testing;
using Xunit.Abstractions;

namespace LongLivedTransactions.Local.Tests.Durability;

/// <summary>
/// A real <c>up</c> killed with kill -9 in the middle of 500 sagas, then started again on the same state directory:
/// every acknowledged execution ends, every history is contiguous, the saga's records hold their invariants and no
/// process is left behind.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private const int Sagas = 400;
    private const int WaitingSagas = 100;

    private readonly string stateDirectory = Path.Combine(Path.GetTempPath(), $"llt-crash-{Guid.NewGuid():N}");

    // Order ids whose first characters make a step fail on purpose, and whose compensations then succeed: NewOrder
    // fails ("1"), the payment fails ("2"), the reservation fails ("3"); anything else succeeds.
    private static readonly string[] Prefixes = ["10", "20", "30", "4", "5", "6", "7", "8", "9"];

    [Fact]
    public async Task Executions_killed_mid_saga_all_end_after_a_restart_with_contiguous_histories_and_sound_records()
    {
        var orders = new Dictionary<string, string>(StringComparer.Ordinal); // execution ARN -> order id
        int runningAtKill;
        int dynalitePid;
        string sagaArn;
        await using (UpProcess first = await UpProcess.StartAsync(stateDirectory))
        {
            dynalitePid = ReadDynalitePid();
            JsonObject saga = await first.CallOkAsync("ListStateMachines", []);
            sagaArn = saga["stateMachines"]![0]!["stateMachineArn"]!.GetValue<string>();
            string waitingArn = await CreateWaitingSagaAsync(first, sagaArn);

            using var parallel = new SemaphoreSlim(16);
            var starts = Enumerable.Range(0, Sagas + WaitingSagas).Select(async i =>
            {
                await parallel.WaitAsync();
                try
                {
                    string orderId = SampleOrders.NewId(Prefixes[i % Prefixes.Length]);
                    JsonObject started = await first.CallOkAsync("StartExecution", new JsonObject
                    {
                        ["stateMachineArn"] = i < Sagas ? sagaArn : waitingArn,
                        ["name"] = $"crash-{i}",
                        ["input"] = JsonSerializer.Serialize(SampleOrders.Create(orderId), SagaJsonContext.Default.Order),
                    });
                    lock (orders)
                    {
                        orders[started["executionArn"]!.GetValue<string>()] = orderId;
                    }
                }
                finally
                {
                    parallel.Release();
                }
            }).ToArray();
            await Task.WhenAll(starts);

            JsonObject running = await first.CallOkAsync("ListExecutions", new JsonObject
            {
                ["stateMachineArn"] = sagaArn, ["statusFilter"] = "RUNNING", ["maxResults"] = 1000,
            });
            JsonObject waiting = await first.CallOkAsync("ListExecutions", new JsonObject
            {
                ["stateMachineArn"] = waitingArn, ["statusFilter"] = "RUNNING", ["maxResults"] = 1000,
            });
            await first.KillAsync();
            runningAtKill = running["executions"]!.AsArray().Count + waiting["executions"]!.AsArray().Count;
        }

        Assert.Equal(Sagas + WaitingSagas, orders.Count);
        Assert.True(runningAtKill > 0, "The host was killed after every execution had ended: nothing was tested.");
        Assert.True(await ExitsAsync(dynalitePid), $"dynalite (pid {dynalitePid}) outlived the killed host.");

        var clock = Stopwatch.StartNew();
        await using UpProcess second = await UpProcess.StartAsync(stateDirectory);
        int resumed = second.ResumedExecutions;
        var ends = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4);
        foreach (string arn in orders.Keys)
        {
            while (true)
            {
                JsonObject description = await second.CallOkAsync("DescribeExecution", new JsonObject { ["executionArn"] = arn });
                if (description["status"]!.GetValue<string>() != "RUNNING")
                {
                    ends[arn] = description;
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, $"{arn} still runs four minutes after the restart.\n{second.Log}");
                await Task.Delay(100);
            }
        }

        TimeSpan drained = clock.Elapsed;
        int historyProblems = 0;
        foreach (string arn in orders.Keys)
        {
            JsonObject history = await second.CallOkAsync("GetExecutionHistory", new JsonObject { ["executionArn"] = arn, ["maxResults"] = 1000 });
            var ids = history["events"]!.AsArray().Select(e => e!["id"]!.GetValue<long>()).ToList();
            string lastType = history["events"]!.AsArray()[^1]!["type"]!.GetValue<string>();
            if (!ids.SequenceEqual(Enumerable.Range(1, ids.Count).Select(i => (long)i)) || !lastType.StartsWith("Execution", StringComparison.Ordinal))
            {
                historyProblems++;
                output.WriteLine($"{arn}: ids {string.Join(',', ids)}, last {lastType}");
            }
        }

        var violations = new List<string>();
        using (AmazonDynamoDBClient dynamoDb = LocalDynamoDbClient.Create(second.DynamoDbEndpoint))
        {
            var tables = SagaTopology.Tables.ToDictionary(t => t.LogicalName, t => t.LogicalName);
            foreach (var (arn, orderId) in orders)
            {
                SagaRecords records = await SagaRecords.ReadAsync(dynamoDb, tables, orderId, CancellationToken.None);
                string status = ends[arn]["status"]!.GetValue<string>();
                if (Check(status, orderId, records) is { } violation)
                {
                    violations.Add($"{arn} ({orderId}, {status} {ends[arn]["error"]} {ends[arn]["cause"]}): {violation}");
                }
            }
        }

        int succeeded = ends.Values.Count(e => e["status"]!.GetValue<string>() == "SUCCEEDED");
        int failed = ends.Values.Count(e => e["status"]!.GetValue<string>() == "FAILED");
        output.WriteLine($"Started (acknowledged): {orders.Count}; running when killed: {runningAtKill}; resumed at restart: {resumed}");
        output.WriteLine($"Ended after the restart: {ends.Count} ({succeeded} succeeded, {failed} failed) within {drained.TotalSeconds:0.0} s");
        output.WriteLine($"Histories with gaps or duplicates: {historyProblems}; invariant violations: {violations.Count}");
        foreach (string violation in violations.Take(20))
        {
            output.WriteLine(violation);
        }

        int secondDynalite = ReadDynalitePid();
        Assert.Equal(0, await second.StopAsync());
        Assert.True(await ExitsAsync(secondDynalite), $"dynalite (pid {secondDynalite}) outlived a clean stop.");
        Assert.True(resumed > 0, "No execution was resumed at the restart.");
        Assert.Equal(orders.Count, ends.Count);
        Assert.Equal(0, historyProblems);
        Assert.Empty(violations);
        Assert.Equal(orders.Count, succeeded + failed);
    }

    public void Dispose()
    {
        if (Directory.Exists(stateDirectory))
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
    }

    /// <summary>The saga's invariants for one order: a failed saga leaves a Pending order, payments that net to zero
    /// and no reservation without its release; a successful one leaves one debit and one reservation.</summary>
    private static string? Check(string status, string orderId, SagaRecords records)
    {
        int debits = records.Payments.Count(p => p.PaymentType == PaymentType.Debit);
        int credits = records.Payments.Count(p => p.PaymentType == PaymentType.Credit);
        int reserves = records.InventoryTransactions.Count(t => t.TransactionType == InventoryTransactionType.Reserve);
        int releases = records.InventoryTransactions.Count(t => t.TransactionType == InventoryTransactionType.Release);
        bool shouldSucceed = !orderId.StartsWith('1') && !orderId.StartsWith('2') && !orderId.StartsWith('3');
        if (shouldSucceed)
        {
            return status == "SUCCEEDED" && debits == 1 && credits == 0 && reserves == 1 && releases == 0
                ? null
                : $"expected a successful saga; debits {debits}, credits {credits}, reserves {reserves}, releases {releases}";
        }

        return status == "FAILED" && records.OrderStatus == OrderStatus.Pending && debits == credits && reserves == releases
            ? null
            : $"expected a compensated saga; order {records.OrderStatus}, debits {debits}, credits {credits}, reserves {reserves}, releases {releases}";
    }

    /// <summary>
    /// The saga with a three-second Wait between the payment and the reservation, so that some executions are waiting
    /// with a debit made when the host dies.
    /// </summary>
    private static async Task<string> CreateWaitingSagaAsync(UpProcess up, string sagaArn)
    {
        JsonObject described = await up.CallOkAsync("DescribeStateMachine", new JsonObject { ["stateMachineArn"] = sagaArn });
        JsonObject definition = JsonNode.Parse(described["definition"]!.GetValue<string>())!.AsObject();
        JsonObject states = definition["States"]!.AsObject();
        JsonObject payment = states["ProcessPayment"]!.AsObject();
        string next = payment["Next"]!.GetValue<string>();
        states["PauseAfterPayment"] = new JsonObject { ["Type"] = "Wait", ["Seconds"] = 3, ["Next"] = next };
        payment["Next"] = "PauseAfterPayment";
        JsonObject created = await up.CallOkAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = "WaitingSaga",
            ["definition"] = definition.ToJsonString(),
            ["roleArn"] = described["roleArn"]!.GetValue<string>(),
        });
        return created["stateMachineArn"]!.GetValue<string>();
    }

    private int ReadDynalitePid() =>
        int.Parse(File.ReadAllText(Path.Combine(stateDirectory, "dynamodb.pid")), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<bool> ExitsAsync(int pid)
    {
        for (int i = 0; i < 100; i++)
        {
            if (!File.Exists($"/proc/{pid}/cmdline") || !File.ReadAllText($"/proc/{pid}/cmdline").Contains("dynalite", StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
