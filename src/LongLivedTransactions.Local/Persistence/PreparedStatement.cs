using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LongLivedTransactions.Local.Persistence;

/// <summary>
/// A statement prepared once and run through SQLite's own interface, for the statements the state database runs
/// thousands of times a second: ADO.NET makes objects for each run (and prepares BEGIN, COMMIT and savepoints anew
/// each time). Its parameters are bound on <see cref="Handle"/> before <see cref="Run"/>.
/// </summary>
internal sealed class PreparedStatement : IDisposable
{
    private readonly sqlite3 database;

    public PreparedStatement(SqliteConnection connection, string sql)
    {
        database = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(database, sql, out sqlite3_stmt handle), raw.SQLITE_OK);
        Handle = handle;
    }

    public sqlite3_stmt Handle { get; }

    /// <summary>Runs the statement with the parameters bound, then makes it ready for the next run.</summary>
    public void Run()
    {
        try
        {
            Check(raw.sqlite3_step(Handle), raw.SQLITE_DONE);
        }
        finally
        {
            raw.sqlite3_reset(Handle);
        }
    }

    public void Dispose() => Handle.Dispose();

    private void Check(int result, int expected)
    {
        if (result != expected)
        {
            throw new SqliteException(raw.sqlite3_errmsg(database).utf8_to_string(), result);
        }
    }
}
