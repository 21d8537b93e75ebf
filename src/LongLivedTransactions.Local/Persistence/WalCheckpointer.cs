using Microsoft.Data.Sqlite;

namespace LongLivedTransactions.Local.Persistence;

/// <summary>
/// Copies the database's write-ahead log into its file once a second, from a connection of its own. SQLite would
/// otherwise checkpoint on the committing connection whenever the log passes 1,000 pages, and that checkpoint's
/// fsync, which a busy disk can stretch to seconds, would happen while the writer holds the database's lock: every
/// execution recording an event would wait behind it, long enough for tasks to time out. A passive checkpoint does
/// not block writers, and commits stay durable without it (they are in the log). But under a steady stream of
/// commits a passive checkpoint never catches up with the end of the log, and SQLite starts the log afresh only
/// once all of it is copied: the file would grow by gigabytes. So once the log passes <see cref="LogLimitPages"/>,
/// a restarting checkpoint copies the little the passive one left and has the next commit write the log from its
/// beginning again, holding writers back only for that. Emptying the file as well would hold them back two or three
/// times as long (100 ms and more under load), so the file is emptied only once the log is idle: at a tick with no
/// commit since the one before. Each tick first commits the database's pending history events, so that they wait a
/// second at most.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    /// <summary>Housekeeping on the wall clock, whatever clock the executions run on.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>The log's length, in pages of 4 KiB, past which it is emptied: 64 MiB.</summary>
    private const long LogLimitPages = 16_384;

    private readonly CancellationTokenSource stop = new();

    public WalCheckpointer(LocalStateDatabase database, string connectionString)
    {
        CancellationToken stopping = stop.Token;
        _ = Task.Run(() => RunAsync(database, connectionString, stopping));
    }

    /// <summary>Stops the checkpoints; the loop closes its connection as it ends (closing checkpoints what is left).</summary>
    public void Dispose()
    {
        stop.Cancel();
        stop.Dispose();
    }

    private static async Task RunAsync(LocalStateDatabase database, string connectionString, CancellationToken stopping)
    {
        using var connection = new SqliteConnection(connectionString);
        using var timer = new PeriodicTimer(Interval, TimeProvider.System);
        try
        {
            connection.Open();
            long logPagesAtLastTick = 0;
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                logPagesAtLastTick = Checkpoint(database, connection, logPagesAtLastTick);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (SqliteException)
        {
            // The database could not be opened for checkpoints: its writers then leave the log to grow until the
            // last connection closes, which copies it into the file.
        }
    }

    /// <summary>One tick's checkpoint; returns the log's length in pages, to tell at the next tick whether it was idle.</summary>
    private static long Checkpoint(LocalStateDatabase database, SqliteConnection connection, long logPagesAtLastTick)
    {
        try
        {
            database.CommitPendingEvents();
            long logPages = Run(connection, "PASSIVE");
            // A group of events being written holds SQLite's write lock: these two wait for no writer at all.
            if (logPages > 0 && logPages == logPagesAtLastTick)
            {
                database.HoldingWriters(() => Run(connection, "TRUNCATE"));
            }
            else if (logPages > LogLimitPages)
            {
                database.HoldingWriters(() => Run(connection, "RESTART"));
            }

            return logPages;
        }
        catch (SqliteException)
        {
            // What could not run now runs at the next tick; the log only grows meanwhile.
            return logPagesAtLastTick;
        }
    }

    /// <summary>Runs a checkpoint of this mode and returns the log's length in pages, as SQLite reports it.</summary>
    private static long Run(SqliteConnection connection, string mode)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = $"PRAGMA wal_checkpoint({mode});";
        using SqliteDataReader result = command.ExecuteReader();
        return result.Read() ? result.GetInt64(1) : 0;
    }
}
