using LongLivedTransactions.Local.Persistence;
using LongLivedTransactions.StatesLanguage.History;
using Microsoft.Data.Sqlite;

namespace LongLivedTransactions.Local.Tests.Persistence;

/// <summary>
/// History events are committed in groups: what another connection (or the process after a crash) finds is every
/// event up to the last point where the engine acted outside, the end of the execution, a read of the history, or
/// the last second.
/// </summary>
public sealed class HistoryGroupCommitTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("llt-group-").FullName;

    [Fact]
    public void Events_are_all_committed_before_the_engine_calls_a_task()
    {
        using LocalStateDatabase database = LocalStateDatabase.Open(directory);
        long execution = NewExecution(database, "call");
        database.AppendEvent(execution, Event(1, "ExecutionStarted"));
        database.AppendEvent(execution, Event(2, "TaskStateEntered"));
        database.AppendEvent(execution, Event(3, "LambdaFunctionScheduled"));

        database.AppendEvent(execution, Event(4, "LambdaFunctionStarted"));

        Assert.Equal(4, CommittedEvents(execution));
    }

    [Fact]
    public void The_final_event_commits_its_group_with_the_execution_status()
    {
        using LocalStateDatabase database = LocalStateDatabase.Open(directory);
        long execution = NewExecution(database, "end");
        database.AppendEvent(execution, Event(1, "ExecutionStarted"));
        database.AppendEvent(execution, Event(2, "PassStateEntered"));
        database.AppendEvent(execution, Event(3, "PassStateExited"));

        database.AppendEvent(execution, Event(4, "ExecutionSucceeded"));

        Assert.Equal(4, CommittedEvents(execution));
        Assert.Equal("SUCCEEDED", ReadOnly($"SELECT status FROM execution WHERE seq = {execution};"));
    }

    [Fact]
    public void Reading_a_history_commits_it_first_so_no_event_that_was_seen_can_be_lost()
    {
        using LocalStateDatabase database = LocalStateDatabase.Open(directory);
        long execution = NewExecution(database, "read");
        database.AppendEvent(execution, Event(1, "ExecutionStarted"));
        database.AppendEvent(execution, Event(2, "WaitStateEntered"));

        Assert.Equal(2, database.LoadHistory(execution).Count);

        Assert.Equal(2, CommittedEvents(execution));
    }

    [Fact]
    public async Task Events_with_nothing_after_them_are_committed_within_about_a_second()
    {
        using LocalStateDatabase database = LocalStateDatabase.Open(directory);
        long execution = NewExecution(database, "idle");
        database.AppendEvent(execution, Event(1, "ExecutionStarted"));
        database.AppendEvent(execution, Event(2, "WaitStateEntered"));

        for (int attempt = 0; attempt < 100 && CommittedEvents(execution) < 2; attempt++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(2, CommittedEvents(execution));
    }

    [Fact]
    public void A_transaction_commits_the_pending_events_with_its_own_writes_and_takes_back_only_its_own_when_it_fails()
    {
        using LocalStateDatabase database = LocalStateDatabase.Open(directory);
        long running = NewExecution(database, "running");
        database.AppendEvent(running, Event(1, "ExecutionStarted"));
        database.AppendEvent(running, Event(2, "PassStateEntered"));

        Assert.Throws<InvalidOperationException>(() => database.InTransaction<long>(() =>
        {
            long refused = NewExecution(database, "refused");
            database.AppendEvent(refused, Event(1, "ExecutionStarted"));
            throw new InvalidOperationException("The engine refused the execution.");
        }));
        long started = database.InTransaction(() =>
        {
            long execution = NewExecution(database, "started");
            database.AppendEvent(execution, Event(1, "ExecutionStarted"));
            return execution;
        });

        Assert.Equal(2, CommittedEvents(running));
        Assert.Equal(1, CommittedEvents(started));
        Assert.Equal(
            "running,started",
            ReadOnly("SELECT group_concat(name, ',') FROM (SELECT name FROM execution ORDER BY seq);"));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static long NewExecution(LocalStateDatabase database, string name) => database.InsertExecution(
        $"arn:aws:states:us-east-1:123456789012:execution:Machine:{name}", "arn:aws:states:us-east-1:123456789012:stateMachine:Machine",
        "revision", name, "{}", DateTimeOffset.UtcNow, testCase: null);

    private static HistoryEvent Event(long id, string type) => new(id, id - 1, DateTimeOffset.UtcNow, type, DetailsName: null, Details: null);

    private long CommittedEvents(long execution) => (long)ReadOnly($"SELECT COUNT(*) FROM event WHERE execution_seq = {execution};")!;

    /// <summary>A query on a connection of its own, which sees only what has been committed.</summary>
    private object? ReadOnly(string sql)
    {
        string source = Path.Combine(directory, LocalStateDatabase.FileName);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
