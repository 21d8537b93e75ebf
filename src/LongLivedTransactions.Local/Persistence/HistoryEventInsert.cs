using System.Buffers;
using System.Text;
using System.Text.Json;
using LongLivedTransactions.StatesLanguage.History;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace LongLivedTransactions.Local.Persistence;

/// <summary>
/// The statement that appends a history event (a dozen a saga): its texts are encoded into one reused buffer and its
/// details written as UTF-8 into another, where ADO.NET made a binder object for each parameter, a UTF-16 text of the
/// details and a UTF-8 copy of every text. Used under the database's lock, inside its open transaction.
/// </summary>
internal sealed class HistoryEventInsert : IDisposable
{
    private const string Sql = """
        INSERT INTO history_event (execution_seq, id, previous_id, ticks, type, details_name, details, next_state, scope)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9);
        """;

    private readonly PreparedStatement insert;
    private readonly ArrayBufferWriter<byte> details = new(4096);
    private readonly Utf8JsonWriter detailsWriter;
    private byte[] text = new byte[256];

    public HistoryEventInsert(SqliteConnection connection)
    {
        insert = new PreparedStatement(connection, Sql);
        detailsWriter = new Utf8JsonWriter(details);
    }

    private sqlite3_stmt Statement => insert.Handle;

    public void Run(long executionSeq, HistoryEvent historyEvent)
    {
        raw.sqlite3_bind_int64(Statement, 1, executionSeq);
        raw.sqlite3_bind_int64(Statement, 2, historyEvent.Id);
        raw.sqlite3_bind_int64(Statement, 3, historyEvent.PreviousEventId);
        raw.sqlite3_bind_int64(Statement, 4, historyEvent.Timestamp.UtcTicks);
        BindText(5, historyEvent.Type);
        BindText(6, historyEvent.DetailsName);
        BindDetails(7, historyEvent);
        BindText(8, historyEvent.NextState);
        BindText(9, historyEvent.Scope);
        insert.Run();
    }

    public void Dispose()
    {
        insert.Dispose();
        detailsWriter.Dispose();
    }

    // SQLite copies what is bound (SQLITE_TRANSIENT), so one buffer serves every parameter in turn.
    private void BindText(int index, string? value)
    {
        if (value is null)
        {
            raw.sqlite3_bind_null(Statement, index);
            return;
        }

        if (value.Length == 0)
        {
            // An empty span has no address, which SQLite would take for NULL.
            raw.sqlite3_bind_text(Statement, index, string.Empty);
            return;
        }

        int most = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (text.Length < most)
        {
            text = new byte[Math.Max(most, text.Length * 2)];
        }

        int length = Encoding.UTF8.GetBytes(value, text);
        raw.sqlite3_bind_text(Statement, index, text.AsSpan(0, length));
    }

    private void BindDetails(int index, HistoryEvent historyEvent)
    {
        if (historyEvent.Details is not { } fields)
        {
            raw.sqlite3_bind_null(Statement, index);
            return;
        }

        details.ResetWrittenCount();
        detailsWriter.Reset(details);
        fields.WriteTo(detailsWriter);
        detailsWriter.Flush();
        raw.sqlite3_bind_text(Statement, index, details.WrittenSpan);
    }
}
