using Microsoft.Extensions.Time.Testing;

namespace LongLivedTransactions.StatesLanguage.Tests.Support;

/// <summary>Waiting for an execution running in the background to get somewhere, and moving its fake clock.</summary>
internal static class ExecutionSteps
{
    /// <summary>Moves the fake clock forward in one step and lets the execution react.</summary>
    public static async Task AdvanceAsync(StatesLanguage.Execution.Execution execution, FakeTimeProvider time, TimeSpan by)
    {
        await Task.WhenAny(execution.Completion, Task.Delay(50));
        time.Advance(by);
        await Task.WhenAny(execution.Completion, Task.Delay(100));
    }

    public static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "The execution did not get there.");
    }
}
