using System.Text.Json.Nodes;

namespace LongLivedTransactions.Local.Tests.Api;

/// <summary>Waits for an execution's history to reach a point: the engine runs executions apart from the requests.</summary>
internal static class ExecutionHistoryPolling
{
    /// <summary>
    /// Polls GetExecutionHistory through <paramref name="callOk"/> until its event types satisfy
    /// <paramref name="condition"/>, and returns them; fails after a minute.
    /// </summary>
    public static async Task<List<string>> WaitForAsync(
        Func<string, JsonObject, Task<JsonObject>> callOk, string executionArn, Func<List<string>, bool> condition)
    {
        DateTime deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            JsonObject history = await callOk("GetExecutionHistory", new JsonObject { ["executionArn"] = executionArn });
            var types = history["events"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
            if (condition(types))
            {
                return types;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The history of {executionArn} is still {string.Join(", ", types)} after the timeout.");
            await Task.Delay(20);
        }
    }
}
