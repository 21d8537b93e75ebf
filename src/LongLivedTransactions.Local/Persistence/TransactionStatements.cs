using Microsoft.Data.Sqlite;

namespace LongLivedTransactions.Local.Persistence;

/// <summary>
/// BEGIN, COMMIT and the savepoint of a write, prepared once (ADO.NET's transactions prepare each of them anew, and
/// the state database begins and commits a few thousand times a second under load). The state database keeps track
/// of what is open; SQLite's own state is the one these statements change.
/// </summary>
internal sealed class TransactionStatements : IDisposable
{
    private readonly PreparedStatement begin;
    private readonly PreparedStatement commit;
    private readonly PreparedStatement rollback;
    private readonly PreparedStatement save;
    private readonly PreparedStatement release;
    private readonly PreparedStatement rollbackToSave;

    public TransactionStatements(SqliteConnection connection, string savepoint)
    {
        begin = new PreparedStatement(connection, "BEGIN;");
        commit = new PreparedStatement(connection, "COMMIT;");
        rollback = new PreparedStatement(connection, "ROLLBACK;");
        save = new PreparedStatement(connection, $"SAVEPOINT {savepoint};");
        release = new PreparedStatement(connection, $"RELEASE {savepoint};");
        rollbackToSave = new PreparedStatement(connection, $"ROLLBACK TO {savepoint};");
    }

    public void Begin() => begin.Run();

    /// <summary>Commits; when the commit fails, takes the transaction back so that the next one can begin.</summary>
    public void Commit()
    {
        try
        {
            commit.Run();
        }
        catch (SqliteException)
        {
            TryRollback();
            throw;
        }
    }

    public void Save() => save.Run();

    public void Release() => release.Run();

    /// <summary>Takes back what was written since the savepoint, and ends it.</summary>
    public void RollbackToSave()
    {
        rollbackToSave.Run();
        release.Run();
    }

    public void Dispose()
    {
        foreach (PreparedStatement statement in (PreparedStatement[])[begin, commit, rollback, save, release, rollbackToSave])
        {
            statement.Dispose();
        }
    }

    private void TryRollback()
    {
        try
        {
            rollback.Run();
        }
        catch (SqliteException)
        {
            // SQLite has ended the transaction itself.
        }
    }
}
