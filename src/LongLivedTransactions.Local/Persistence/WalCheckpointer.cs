using Microsoft.Data.Sqlite;

namespace LongLivedTransactions.Local.Persistence;

/// <summary>
/// Copies the database's write-ahead log into its file once a second, from a connection of its own. SQLite would
/// otherwise checkpoint on the committing connection whenever the log passes 1,000 pages, and that checkpoint's
/// fsync, which a busy disk can stretch to seconds, would happen while the writer holds the database's lock: every
/// execution recording an event would wait behind it, long enough for tasks to time out. A passive checkpoint does
/// not block writers, and commits stay durable without it (they are in the log).
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    /// <summary>Housekeeping on the wall clock, whatever clock the executions run on.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly SqliteConnection connection;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public WalCheckpointer(string connectionString)
    {
        connection = new SqliteConnection(connectionString);
        connection.Open();
        loop = Task.Run(RunAsync);
    }

    public void Dispose()
    {
        stop.Cancel();
        loop.GetAwaiter().GetResult();
        stop.Dispose();
        connection.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Interval, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token).ConfigureAwait(false))
            {
                Checkpoint();
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private void Checkpoint()
    {
        try
        {
            using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            command.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // A checkpoint that could not run now runs at the next tick; the log only grows meanwhile.
        }
    }
}
