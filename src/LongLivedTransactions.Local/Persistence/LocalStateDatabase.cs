using System.Globalization;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution.Callbacks;
using LongLivedTransactions.StatesLanguage.History;
using Microsoft.Data.Sqlite;

namespace LongLivedTransactions.Local.Persistence;

/// <summary>
/// The local endpoint's state in SQLite: state machines (and the revisions executions ran), executions and their
/// histories. On disk it is one file in the state directory, in WAL mode: every write is committed before the call
/// returns, so a killed process loses nothing that was acknowledged. Without a directory it lives in memory. One
/// connection, used under a lock (SQLite serialises writers anyway). Thread-safe.
/// <para>
/// History events are the exception: they are committed in groups, at the latest before the engine acts outside
/// (an event after which a task is called or a request sent), when an execution ends, before a history is read,
/// and once a second. A commit costs more than an insert, and an event lost in a crash before its group was
/// committed is one the engine records again when it resumes from the events before it, since nothing outside
/// saw it happen.
/// </para>
/// </summary>
public sealed class LocalStateDatabase : IDisposable
{
    public const string FileName = "state.db";

    private readonly SqliteConnection connection;
    private readonly Lock gate = new();

    // Prepared once and used again: preparing the statement anew costs more than running it.
    private readonly Dictionary<string, SqliteCommand> commands = new(StringComparer.Ordinal);

    // True while a write's work runs (InTransaction's among them), on the thread that holds the lock.
    private bool writing;

    // True while a transaction holds history events not committed yet (see the class summary).
    private bool eventsPending;
    private WalCheckpointer? checkpointer;

    // Prepared once the tables exist (at open).
    private TransactionStatements? transactions;
    private HistoryEventInsert? eventInsert;

    private LocalStateDatabase(SqliteConnection connection, string? directory)
    {
        this.connection = connection;
        Directory = directory;
    }

    /// <summary>The state directory, or null for an in-memory database.</summary>
    public string? Directory { get; }

    /// <summary>Opens (creating if needed) the database in <paramref name="directory"/>, or in memory when it is null.</summary>
    public static LocalStateDatabase Open(string? directory)
    {
        string source;
        if (directory is null)
        {
            source = ":memory:";
        }
        else
        {
            System.IO.Directory.CreateDirectory(directory);
            source = Path.Combine(directory, FileName);
        }

        string connectionString = new SqliteConnectionStringBuilder { DataSource = source, Pooling = false }.ToString();
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        var database = new LocalStateDatabase(connection, directory);
        try
        {
            // WAL with synchronous=NORMAL: a commit is in the log (in the OS's page cache) when it returns, which
            // survives the process being killed; only a power cut could lose the last commits. The log is copied
            // into the file by a checkpointer of its own, not by whichever commit makes it long.
            database.Execute(directory is null ? "PRAGMA journal_mode=MEMORY;" : "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;");
            database.Execute("""
                PRAGMA synchronous=NORMAL;
                PRAGMA busy_timeout=30000;
                PRAGMA foreign_keys=OFF;
                CREATE TABLE IF NOT EXISTS state_machine (
                    arn TEXT PRIMARY KEY,
                    revision_id TEXT NOT NULL,
                    status TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS revision (
                    revision_id TEXT PRIMARY KEY,
                    state_machine_arn TEXT NOT NULL,
                    record TEXT NOT NULL);
                CREATE TABLE IF NOT EXISTS execution (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    arn TEXT NOT NULL UNIQUE,
                    state_machine_arn TEXT NOT NULL,
                    revision_id TEXT NOT NULL,
                    name TEXT NOT NULL,
                    input TEXT NOT NULL,
                    status TEXT NOT NULL,
                    start_ticks INTEGER NOT NULL,
                    stop_ticks INTEGER,
                    output TEXT,
                    error TEXT,
                    cause TEXT,
                    redrive_count INTEGER NOT NULL DEFAULT 0,
                    redrive_ticks INTEGER,
                    test_case TEXT);
                CREATE INDEX IF NOT EXISTS execution_by_machine ON execution (state_machine_arn, seq);
                DROP INDEX IF EXISTS execution_by_status;
                CREATE INDEX IF NOT EXISTS execution_running ON execution (seq) WHERE status = 'RUNNING';
                CREATE INDEX IF NOT EXISTS execution_by_machine_and_status ON execution (state_machine_arn, status, seq);
                CREATE TABLE IF NOT EXISTS setting (
                    name TEXT PRIMARY KEY,
                    value BLOB NOT NULL);
                CREATE TABLE IF NOT EXISTS history_event (
                    execution_seq INTEGER NOT NULL,
                    id INTEGER NOT NULL,
                    previous_id INTEGER NOT NULL,
                    ticks INTEGER NOT NULL,
                    type TEXT NOT NULL,
                    details_name TEXT,
                    details TEXT,
                    next_state TEXT,
                    scope TEXT);
                CREATE UNIQUE INDEX IF NOT EXISTS history_event_by_execution ON history_event (execution_seq, id);
                """);
            database.transactions = new TransactionStatements(connection, "work");
            database.eventInsert = new HistoryEventInsert(connection);
            database.MoveEventsOfEarlierLayout();
            if (directory is not null)
            {
                database.checkpointer = new WalCheckpointer(database, connectionString);
            }

            return database;
        }
        catch
        {
            database.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            CommitPending();
            eventInsert?.Dispose();
            transactions?.Dispose();
            foreach (SqliteCommand command in commands.Values)
            {
                command.Dispose();
            }

            connection.Dispose();
        }

        // The last connection to close copies what is left of the log into the file.
        checkpointer?.Dispose();
    }

    // ---- Settings ----

    /// <summary>
    /// The secret that signs task tokens, made at random the first time and kept, so that a callback task resumed after
    /// a restart still answers to the token it handed out.
    /// </summary>
    public byte[] TaskTokenKey()
    {
        lock (gate)
        {
            SqliteCommand read = Command("SELECT value FROM setting WHERE name = 'task_token_key';");
            if (read.ExecuteScalar() is byte[] key)
            {
                return key;
            }

            byte[] created = TaskCallbacks.NewKey();
            Write(() => Execute("INSERT INTO setting (name, value) VALUES ('task_token_key', $v);", ("$v", created)));
            return created;
        }
    }

    // ---- State machines ----

    /// <summary>Records a revision and makes it the state machine's current one (status ACTIVE).</summary>
    public void SaveStateMachine(string arn, string revisionId, JsonObject record) => Write(() =>
    {
        Execute("INSERT OR REPLACE INTO revision (revision_id, state_machine_arn, record) VALUES ($r, $a, $j);",
            ("$r", revisionId), ("$a", arn), ("$j", record.ToJsonString()));
        Execute("INSERT OR REPLACE INTO state_machine (arn, revision_id, status) VALUES ($a, $r, 'ACTIVE');",
            ("$a", arn), ("$r", revisionId));
    });

    public void SetStateMachineStatus(string arn, string status) =>
        Write(() => Execute("UPDATE state_machine SET status = $s WHERE arn = $a;", ("$s", status), ("$a", arn)));

    /// <summary>The state machines: ARN, status and the current revision's record.</summary>
    public IReadOnlyList<(string Arn, string Status, JsonObject Record)> LoadStateMachines()
    {
        lock (gate)
        {
            SqliteCommand command = Command(
                "SELECT m.arn, m.status, r.record FROM state_machine m JOIN revision r ON r.revision_id = m.revision_id;");
            using SqliteDataReader reader = command.ExecuteReader();
            var machines = new List<(string, string, JsonObject)>();
            while (reader.Read())
            {
                machines.Add((reader.GetString(0), reader.GetString(1), JsonNode.Parse(reader.GetString(2))!.AsObject()));
            }

            return machines;
        }
    }

    public JsonObject? LoadRevision(string revisionId)
    {
        lock (gate)
        {
            SqliteCommand command = Command("SELECT record FROM revision WHERE revision_id = $r;", ("$r", revisionId));
            return command.ExecuteScalar() is string text ? JsonNode.Parse(text)!.AsObject() : null;
        }
    }

    /// <summary>Removes a state machine with its revisions, executions and histories (its deletion is complete).</summary>
    public void DeleteStateMachine(string arn) => Write(() =>
    {
        Execute("DELETE FROM history_event WHERE execution_seq IN (SELECT seq FROM execution WHERE state_machine_arn = $a);", ("$a", arn));
        Execute("DELETE FROM execution WHERE state_machine_arn = $a;", ("$a", arn));
        Execute("DELETE FROM revision WHERE state_machine_arn = $a;", ("$a", arn));
        Execute("DELETE FROM state_machine WHERE arn = $a;", ("$a", arn));
    });

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction: what it writes through this database is committed together
    /// (one write to the log instead of one each), or not at all when it throws. Other writers wait until it ends.
    /// </summary>
    public T InTransaction<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Write(work);
    }

    /// <summary>
    /// Every write but a history event's: <paramref name="work"/> joins the group of events not committed yet (its
    /// transaction, begun if there is none) under a savepoint, and the group is committed with it before this returns;
    /// when it throws, only its own writes are taken back. Inside another write it is simply part of that one.
    /// </summary>
    private T Write<T>(Func<T> work)
    {
        lock (gate)
        {
            if (writing)
            {
                return work();
            }

            BeginPending();
            transactions!.Save();
            writing = true;
            try
            {
                T result = work();
                transactions.Release();
                return result;
            }
            catch
            {
                transactions.RollbackToSave();
                throw;
            }
            finally
            {
                writing = false;
                CommitPending();
            }
        }
    }

    private void Write(Action work) => Write(() =>
    {
        work();
        return true;
    });

    // ---- Executions ----

    /// <summary>Records a new RUNNING execution and returns its key for <see cref="AppendEvent"/>.</summary>
    /// <param name="testCase">The mock test case the execution runs with (<c>stateMachineArn#TestCase</c>), if any.</param>
    public long InsertExecution(
        string arn, string stateMachineArn, string revisionId, string name, string input, DateTimeOffset startDate, string? testCase)
    {
        return Write(() =>
        {
            SqliteCommand command = Command("""
                INSERT INTO execution (arn, state_machine_arn, revision_id, name, input, status, start_ticks, test_case)
                VALUES ($a, $m, $r, $n, $i, 'RUNNING', $t, $c) RETURNING seq;
                """,
                ("$a", arn), ("$m", stateMachineArn), ("$r", revisionId), ("$n", name), ("$i", input), ("$t", startDate.UtcTicks),
                ("$c", testCase));
            return (long)command.ExecuteScalar()!;
        });
    }

    /// <summary>
    /// Removes an execution recorded without its first event (a database written when the two were committed apart,
    /// by a process that ended between them).
    /// </summary>
    public void DeleteExecution(long seq) => Write(() =>
    {
        Execute("DELETE FROM history_event WHERE execution_seq = $s;", ("$s", seq));
        Execute("DELETE FROM execution WHERE seq = $s;", ("$s", seq));
    });

    /// <summary>
    /// Appends one history event; a final event (succeeded, failed, timed out, aborted) also records the
    /// execution's status and result, in the same transaction. The event joins the group of events not committed yet,
    /// unless it is final or the engine acts outside after it (<see cref="ActsOutsideAfter"/>): then the group is
    /// committed before this returns.
    /// </summary>
    public void AppendEvent(long executionSeq, HistoryEvent historyEvent)
    {
        ArgumentNullException.ThrowIfNull(historyEvent);
        string? status = historyEvent.Type switch
        {
            "ExecutionSucceeded" => "SUCCEEDED",
            "ExecutionFailed" => "FAILED",
            "ExecutionTimedOut" => "TIMED_OUT",
            "ExecutionAborted" => "ABORTED",
            _ => null,
        };
        lock (gate)
        {
            // Inside a write (InTransaction's), its transaction holds the event; otherwise the group of events not committed yet.
            if (!writing)
            {
                BeginPending();
            }

            eventInsert!.Run(executionSeq, historyEvent);
            if (status is not null)
            {
                JsonObject? fields = historyEvent.Details;
                Execute("""
                    UPDATE execution SET status = $st, stop_ticks = $t, output = $o, error = $e, cause = $c WHERE seq = $s;
                    """,
                    ("$st", status), ("$t", historyEvent.Timestamp.UtcTicks), ("$s", executionSeq),
                    ("$o", fields?["output"]?.GetValue<string>()), ("$e", fields?["error"]?.GetValue<string>()),
                    ("$c", fields?["cause"]?.GetValue<string>()));
            }

            if (status is not null || ActsOutsideAfter(historyEvent.Type))
            {
                CommitPending();
            }
        }
    }

    /// <summary>
    /// Events after which the engine acts outside: calls a task (its Started event), has sent a callback task's
    /// request (TaskSubmitted, so that a restart does not send it again), or answers RedriveExecution.
    /// </summary>
    private static bool ActsOutsideAfter(string eventType) =>
        eventType is "LambdaFunctionStarted" or "TaskStarted" or "TaskSubmitted" or "ExecutionRedriven";

    /// <summary>Commits the history events not committed yet (the checkpointer's once-a-second call).</summary>
    internal void CommitPendingEvents() => HoldingWriters(() => { });

    /// <summary>Commits the history events not committed yet, and runs <paramref name="work"/> before any other write starts.</summary>
    internal void HoldingWriters(Action work)
    {
        lock (gate)
        {
            CommitPending();
            work();
        }
    }

    /// <summary>
    /// Commits the group of events not committed yet, if there is one (under the lock); inside a write, whose
    /// transaction holds them, it is left to that write.
    /// </summary>
    private void CommitPending()
    {
        if (!writing && eventsPending)
        {
            eventsPending = false;
            transactions!.Commit();
        }
    }

    /// <summary>Begins the transaction of the group of events not committed yet, unless it is open (under the lock).</summary>
    private void BeginPending()
    {
        if (!eventsPending)
        {
            transactions!.Begin();
            eventsPending = true;
        }
    }

    /// <summary>Marks a failed execution RUNNING again for a redrive, with its new redrive count and date.</summary>
    public void MarkRedriven(long executionSeq, int redriveCount, DateTimeOffset redriveDate) => Write(() => Execute("""
        UPDATE execution SET status = 'RUNNING', stop_ticks = NULL, output = NULL, error = NULL, cause = NULL,
            redrive_count = $n, redrive_ticks = $t WHERE seq = $s;
        """,
        ("$n", redriveCount), ("$t", redriveDate.UtcTicks), ("$s", executionSeq)));

    public StoredExecution? FindExecution(string arn)
    {
        lock (gate)
        {
            SqliteCommand command = Command(ExecutionColumns + " WHERE arn = $a;", ("$a", arn));
            using SqliteDataReader reader = command.ExecuteReader();
            return reader.Read() ? ReadExecution(reader) : null;
        }
    }

    /// <summary>
    /// Up to <paramref name="limit"/> executions of a state machine, newest first, optionally with one status only,
    /// from the one before <paramref name="beforeSeq"/> (from the newest when null). Each page is read by an index, so
    /// its cost does not grow with the executions kept.
    /// </summary>
    public IReadOnlyList<StoredExecution> ListExecutions(string stateMachineArn, string? status, long? beforeSeq, int limit)
    {
        string byStatus = status is null ? "" : " AND status = $st";
        lock (gate)
        {
            SqliteCommand command = Command(
                ExecutionColumns + $" WHERE state_machine_arn = $m{byStatus} AND seq < $b ORDER BY seq DESC LIMIT $l;",
                ("$m", stateMachineArn), ("$st", status), ("$b", beforeSeq ?? long.MaxValue), ("$l", limit));
            return ReadExecutions(command);
        }
    }

    /// <summary>Every execution still RUNNING (to resume after a restart), oldest first.</summary>
    public IReadOnlyList<StoredExecution> RunningExecutions()
    {
        lock (gate)
        {
            // Read by the partial index of running executions, so a restart does not read every execution kept.
            SqliteCommand command = Command(ExecutionColumns + " WHERE status = 'RUNNING' ORDER BY seq;");
            return ReadExecutions(command);
        }
    }

    /// <summary>The history of an execution in id order.</summary>
    public IReadOnlyList<HistoryEvent> LoadHistory(long executionSeq)
    {
        lock (gate)
        {
            // What a history shows has been committed: a crash cannot take back an event someone has seen.
            CommitPending();
            SqliteCommand command = Command(
                "SELECT id, previous_id, ticks, type, details_name, details, next_state, scope FROM history_event WHERE execution_seq = $s ORDER BY id;",
                ("$s", executionSeq));
            using SqliteDataReader reader = command.ExecuteReader();
            var events = new List<HistoryEvent>();
            while (reader.Read())
            {
                JsonObject? details = reader.IsDBNull(5) ? null : JsonNode.Parse(reader.GetString(5))!.AsObject();
                events.Add(new HistoryEvent(
                    reader.GetInt64(0),
                    reader.GetInt64(1),
                    new DateTimeOffset(reader.GetInt64(2), TimeSpan.Zero),
                    reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    details)
                {
                    NextState = reader.IsDBNull(6) ? null : reader.GetString(6),
                    Scope = reader.IsDBNull(7) ? null : reader.GetString(7),
                });
            }

            return events;
        }
    }

    private const string ExecutionColumns = """
        SELECT seq, arn, state_machine_arn, revision_id, name, input, status, start_ticks, stop_ticks, output, error, cause,
               redrive_count, redrive_ticks, test_case
        FROM execution
        """;

    private static List<StoredExecution> ReadExecutions(SqliteCommand command)
    {
        using SqliteDataReader reader = command.ExecuteReader();
        var executions = new List<StoredExecution>();
        while (reader.Read())
        {
            executions.Add(ReadExecution(reader));
        }

        return executions;
    }

    private static StoredExecution ReadExecution(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero),
        reader.IsDBNull(8) ? null : new DateTimeOffset(reader.GetInt64(8), TimeSpan.Zero),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : reader.GetString(10),
        reader.IsDBNull(11) ? null : reader.GetString(11),
        reader.GetInt32(12),
        reader.IsDBNull(13) ? null : new DateTimeOffset(reader.GetInt64(13), TimeSpan.Zero),
        reader.IsDBNull(14) ? null : reader.GetString(14));

    /// <summary>
    /// A database written before events were kept in the order they arrive has them in a table ordered by execution
    /// (<c>event</c>), where the events of executions running side by side land on pages of their own and every commit
    /// writes many of them; its events move once to the table in arrival order. Events written before they kept
    /// their scope have none (the execution's own thread).
    /// </summary>
    private void MoveEventsOfEarlierLayout()
    {
        if (Count("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'event';") == 0)
        {
            return;
        }

        bool hasScope = Count("SELECT COUNT(*) FROM pragma_table_info('event') WHERE name = 'scope';") > 0;
        Write(() =>
        {
            Execute($"""
                INSERT INTO history_event (execution_seq, id, previous_id, ticks, type, details_name, details, next_state, scope)
                SELECT execution_seq, id, previous_id, ticks, type, details_name, details, next_state, {(hasScope ? "scope" : "NULL")}
                FROM event ORDER BY execution_seq, id;
                """);
            Execute("DROP TABLE event;");
        });
    }

    private long Count(string sql) => Convert.ToInt64(Command(sql).ExecuteScalar(), CultureInfo.InvariantCulture);

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        SqliteCommand command = Command(sql, parameters);
        command.ExecuteNonQuery();
    }

    /// <summary>The statement for <paramref name="sql"/>, prepared on first use, with these parameter values (under the lock).</summary>
    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        if (!commands.TryGetValue(sql, out SqliteCommand? command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            commands.Add(sql, command);
        }

        foreach (var (name, value) in parameters)
        {
            if (command.Parameters.Contains(name))
            {
                command.Parameters[name].Value = value ?? DBNull.Value;
            }
            else
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }
        }

        return command;
    }
}

/// <summary>One execution as the database keeps it (status as the API writes it: RUNNING, SUCCEEDED, ...).</summary>
public sealed record StoredExecution(
    long Seq,
    string Arn,
    string StateMachineArn,
    string RevisionId,
    string Name,
    string Input,
    string Status,
    DateTimeOffset StartDate,
    DateTimeOffset? StopDate,
    string? Output,
    string? Error,
    string? Cause,
    int RedriveCount,
    DateTimeOffset? RedriveDate,
    string? TestCase);

/// <summary>Sends an execution's events to the database as the engine records them, and reads them back.</summary>
public sealed class DatabaseJournal(LocalStateDatabase database, long executionSeq) : IExecutionJournal
{
    public void Append(HistoryEvent historyEvent) => database.AppendEvent(executionSeq, historyEvent);

    public IReadOnlyList<HistoryEvent> ReadAll() => database.LoadHistory(executionSeq);
}
