using System.Globalization;
using System.Text.Json;
using LongLivedTransactions.Core.Json;

namespace LongLivedTransactions.Core.Logging;

/// <summary>
/// Writes one JSON object per line, the format CloudWatch Logs Insights queries by field. In Lambda the writer is
/// standard output; tests and the local host pass their own.
/// </summary>
public sealed class FunctionLog(TextWriter writer, TimeProvider timeProvider)
{
    public static FunctionLog StandardOutput(TimeProvider timeProvider) => new(Console.Out, timeProvider);

    public void Succeeded(string function, string? orderId) =>
        Write(new FunctionLogEntry(Now(), "INFO", function, orderId, "succeeded"));

    public void Failed(string function, string? orderId, Exception error) =>
        Write(new FunctionLogEntry(Now(), "ERROR", function, orderId, "failed", error.GetType().Name, error.Message));

    private string Now() => timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private void Write(FunctionLogEntry entry)
    {
        string line = JsonSerializer.Serialize(entry, SagaJsonContext.Default.FunctionLogEntry);
        lock (writer)
        {
            writer.WriteLine(line);
        }
    }
}
