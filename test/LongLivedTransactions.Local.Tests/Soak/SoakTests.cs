using LongLivedTransactions.Local.Faults;
using LongLivedTransactions.Local.Soak;
using Xunit.Abstractions;

namespace LongLivedTransactions.Local.Tests.Soak;

/// <summary>
/// The saga under faults: 2,000 executions, 32 at a time, with a 10 % fault rate on real dynalite, then the invariant
/// checker over every execution and the three tables.
/// </summary>
public sealed class SoakTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Two_thousand_executions_at_a_ten_percent_fault_rate_break_no_invariant_and_lose_no_execution()
    {
        await using LocalCloud cloud = await LocalCloud.StartAsync(
            new LocalCloudOptions
            {
                RepositoryRoot = RepositoryRoot.Find(),
                Faults = FaultPlan.FromRate(0.1, seed: 20261126),
                TimeProvider = TimeProvider.System,
            },
            CancellationToken.None);

        SoakReport report = await SoakRunner.RunAsync(cloud, new SoakOptions(2000, 32, Seed: 20261126), progress: null, CancellationToken.None);
        foreach (string line in report.Lines())
        {
            output.WriteLine(line);
        }

        Assert.Empty(report.Invariants.Violations);
        Assert.Empty(report.Invariants.Lost);
        Assert.Equal(2000, report.Executions);

        // The run was hostile: every kind of fault happened, the state machine retried, and every path was taken.
        foreach (FaultKind kind in Enum.GetValues<FaultKind>())
        {
            Assert.True(report.Faults.GetValueOrDefault(kind) > 0, $"No {kind} was injected.");
        }

        Assert.True(report.Retries > 0);
        Assert.Contains(report.Outcomes.Keys, path => path.StartsWith("SUCCEEDED", StringComparison.Ordinal));
        Assert.Contains(report.Outcomes.Keys, path => path.Contains("ReleaseInventory → ProcessRefund → UpdateOrderStatus → OrderFailed", StringComparison.Ordinal));
        Assert.Contains(report.Outcomes.Keys, path => path.Contains("sns:NotifyProcessRefundFail", StringComparison.Ordinal));
    }
}
