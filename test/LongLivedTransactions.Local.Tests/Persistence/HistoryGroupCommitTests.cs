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

    [Fact]
    public void A_database_of_the_earlier_layout_keeps_its_histories_and_finds_its_running_executions()
    {
        // The earlier layout: events in a table ordered by execution, from before events kept their scope, and an
        // index of every execution by status.
        using (var earlier = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabaseFile, Pooling = false }.ToString()))
        {
            earlier.Open();
            using SqliteCommand create = earlier.CreateCommand();
            create.CommandText = """
                CREATE TABLE execution (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT, arn TEXT NOT NULL UNIQUE, state_machine_arn TEXT NOT NULL,
                    revision_id TEXT NOT NULL, name TEXT NOT NULL, input TEXT NOT NULL, status TEXT NOT NULL,
                    start_ticks INTEGER NOT NULL, stop_ticks INTEGER, output TEXT, error TEXT, cause TEXT,
                    redrive_count INTEGER NOT NULL DEFAULT 0, redrive_ticks INTEGER, test_case TEXT);
                CREATE INDEX execution_by_status ON execution (status);
                INSERT INTO execution (seq, arn, state_machine_arn, revision_id, name, input, status, start_ticks)
                VALUES (7, 'arn:seven', 'arn:machine', 'r', 'seven', '{}', 'RUNNING', 0),
                       (8, 'arn:eight', 'arn:machine', 'r', 'eight', '{}', 'SUCCEEDED', 0);
                CREATE TABLE event (
                    execution_seq INTEGER NOT NULL, id INTEGER NOT NULL, previous_id INTEGER NOT NULL, ticks INTEGER NOT NULL,
                    type TEXT NOT NULL, details_name TEXT, details TEXT, next_state TEXT,
                    PRIMARY KEY (execution_seq, id)) WITHOUT ROWID;
                INSERT INTO event VALUES (7, 2, 1, 0, 'PassStateEntered', 'stateEnteredEventDetails', '{"name":"P"}', NULL);
                INSERT INTO event VALUES (7, 1, 0, 0, 'ExecutionStarted', NULL, NULL, NULL);
                INSERT INTO event VALUES (8, 1, 0, 0, 'ExecutionStarted', NULL, NULL, NULL);
                """;
            create.ExecuteNonQuery();
        }

        using LocalStateDatabase database = LocalStateDatabase.Open(directory);

        IReadOnlyList<HistoryEvent> history = database.LoadHistory(7);
        Assert.Equal(["ExecutionStarted", "PassStateEntered"], history.Select(e => e.Type));
        Assert.Equal("P", history[1].Details!["name"]!.GetValue<string>());
        Assert.All(history, e => Assert.Null(e.Scope));
        Assert.Single(database.LoadHistory(8));
        Assert.Equal("seven", Assert.Single(database.RunningExecutions()).Name);
        Assert.Equal(
            "execution_running,history_event",
            ReadOnly("SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE name IN ('event', 'execution_by_status', 'execution_running', 'history_event') ORDER BY name);"));
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private string DatabaseFile => Path.Combine(directory, LocalStateDatabase.FileName);

    private static long NewExecution(LocalStateDatabase database, string name) => database.InsertExecution(
        $"arn:aws:states:us-east-1:123456789012:execution:Machine:{name}", "arn:aws:states:us-east-1:123456789012:stateMachine:Machine",
        "revision", name, "{}", DateTimeOffset.UtcNow, testCase: null);

    private static HistoryEvent Event(long id, string type) => new(id, id - 1, DateTimeOffset.UtcNow, type, DetailsName: null, Details: null);

    private long CommittedEvents(long execution) => (long)ReadOnly($"SELECT COUNT(*) FROM history_event WHERE execution_seq = {execution};")!;

    /// <summary>A query on a connection of its own, which sees only what has been committed.</summary>
    private object? ReadOnly(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabaseFile, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
