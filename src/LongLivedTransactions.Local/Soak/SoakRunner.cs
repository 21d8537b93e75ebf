using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Api;
using LongLivedTransactions.Local.Faults;
using LongLivedTransactions.Local.Invariants;
using LongLivedTransactions.StatesLanguage.Execution;

namespace LongLivedTransactions.Local.Soak;

/// <summary>How big a soak is and how hostile.</summary>
/// <param name="InvalidRate">The share of orders that are malformed (a missing price, half an item, a total too large, no order id).</param>
public sealed record SoakOptions(int Executions, int Concurrency, int Seed, double InvalidRate = 0.02)
{
    /// <summary>How long one execution may take, in real time, before it counts as lost.</summary>
    public TimeSpan ExecutionDeadline { get; init; } = TimeSpan.FromMinutes(5);
}

/// <summary>Where a running soak is.</summary>
public sealed record SoakProgress(int Started, int Ended, TimeSpan Elapsed, int FaultsInjected);

/// <summary>What a soak did and found.</summary>
public sealed record SoakReport(
    TimeSpan Elapsed,
    int Executions,
    IReadOnlyDictionary<string, int> Outcomes,
    int Retries,
    IReadOnlyDictionary<FaultKind, int> Faults,
    InvariantReport Invariants)
{
    public double ExecutionsPerSecond => Executions / Math.Max(Elapsed.TotalSeconds, 0.001);

    public IEnumerable<string> Lines()
    {
        yield return string.Create(CultureInfo.InvariantCulture, $"executions      {Executions} in {Elapsed.TotalSeconds:0.0} s ({ExecutionsPerSecond:0.0} per second)");
        yield return "outcomes";
        foreach ((string path, int count) in Outcomes.OrderByDescending(o => o.Value).ThenBy(o => o.Key, StringComparer.Ordinal))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"  {count,7}  {path}");
        }

        yield return string.Create(CultureInfo.InvariantCulture, $"retries seen    {Retries}");
        yield return string.Create(CultureInfo.InvariantCulture, $"faults injected {Faults.Values.Sum()}{(Faults.Count == 0 ? string.Empty : " (" + string.Join(", ", Faults.OrderBy(f => f.Key).Select(f => $"{f.Key} {f.Value}")) + ")")}");
        yield return string.Create(CultureInfo.InvariantCulture, $"announced       {Invariants.AnnouncedFailures} failed compensations published on the saga topic");
        foreach (string line in Invariants.Lines(most: 20))
        {
            yield return line;
        }
    }
}

/// <summary>
/// Runs many saga executions at once on a local cloud (with whatever faults and clock it was started with), on
/// generated orders, then checks the saga's invariants over every execution and the three tables.
/// </summary>
public static class SoakRunner
{
    public static async Task<SoakReport> RunAsync(
        LocalCloud cloud, SoakOptions options, IProgress<SoakProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        ArgumentNullException.ThrowIfNull(options);
        var orders = new SoakOrders(options.Seed, options.InvalidRate);
        var summaries = new ExecutionSummary[options.Executions];
        int started = 0;
        int ended = 0;
        var clock = Stopwatch.StartNew();

        using var reporting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task reporter = ReportAsync();

        await Parallel.ForAsync(0, options.Executions, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken }, async (index, token) =>
        {
            string input = orders.Create(index);
            Interlocked.Increment(ref started);
            Execution execution = cloud.StartSaga(string.Create(CultureInfo.InvariantCulture, $"soak-{options.Seed}-{index:D6}"), input);
            try
            {
                await execution.Completion.WaitAsync(options.ExecutionDeadline, token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Counted as lost below: its status is still RUNNING.
            }

            summaries[index] = ExecutionSummary.FromHistory(
                execution.ExecutionArn, ApiJson.StatusText(execution.Status), execution.GetHistory().Select(e => e.ToJson()));
            Interlocked.Increment(ref ended);
        }).ConfigureAwait(false);

        TimeSpan elapsed = clock.Elapsed;
        await reporting.CancelAsync().ConfigureAwait(false);
        await reporter.ConfigureAwait(false);

        SagaTableSnapshot tables = await SagaTableSnapshot.ReadAsync(cloud.DynamoDb, cloud.TableNames, cancellationToken).ConfigureAwait(false);
        InvariantReport invariants = InvariantChecker.Check(summaries, tables);
        var outcomes = summaries.GroupBy(s => $"{s.Status,-9} {string.Join(" → ", s.Path)}", StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new SoakReport(
            elapsed, options.Executions, outcomes, summaries.Sum(s => s.Retries), cloud.Faults?.Counts ?? new Dictionary<FaultKind, int>(), invariants);

        async Task ReportAsync()
        {
            if (progress is null)
            {
                return;
            }

            try
            {
                while (true)
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, reporting.Token).ConfigureAwait(false);
                    progress.Report(new SoakProgress(Volatile.Read(ref started), Volatile.Read(ref ended), clock.Elapsed, cloud.Faults?.Total ?? 0));
                }
            }
            catch (OperationCanceledException)
            {
                progress.Report(new SoakProgress(Volatile.Read(ref started), Volatile.Read(ref ended), clock.Elapsed, cloud.Faults?.Total ?? 0));
            }
        }
    }

    /// <summary>The soak's orders: a seeded sequence, mostly valid, some malformed on purpose.</summary>
    private sealed class SoakOrders(int seed, double invalidRate)
    {
        private static readonly DateTimeOffset FirstOrder = new(2026, 11, 16, 15, 15, 0, TimeSpan.FromHours(1));

        public string Create(int index)
        {
            // One generator per order: the order does not depend on which executions ran before it.
            var random = new Random(HashCode.Combine(seed, index));
            var order = new JsonObject
            {
                ["order_id"] = NewId(random),
                ["order_date"] = (FirstOrder + TimeSpan.FromMinutes(index)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
                ["customer_id"] = NewId(random),
            };
            var items = new JsonArray();
            int lines = random.Next(1, 4);
            for (int line = 0; line < lines; line++)
            {
                items.Add(new JsonObject
                {
                    ["item_id"] = string.Create(CultureInfo.InvariantCulture, $"item-{random.Next(1000, 9999)}"),
                    ["qty"] = random.Next(1, 6),
                    ["description"] = "Soak item",
                    ["unit_price"] = random.Next(100, 100_000) / 100m,
                });
            }

            order["items"] = items;
            if (random.NextDouble() < invalidRate)
            {
                JsonObject first = items[0]!.AsObject();
                switch (random.Next(4))
                {
                    case 0:
                        first.Remove("unit_price");
                        break;
                    case 1:
                        first["qty"] = 0.5m;
                        break;
                    case 2:
                        first["qty"] = 1_000_000;
                        first["unit_price"] = 999_999.99m;
                        break;
                    default:
                        order.Remove("order_id");
                        break;
                }
            }

            return order.ToJsonString();
        }

        private static string NewId(Random random)
        {
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes, bigEndian: true).ToString();
        }
    }
}
