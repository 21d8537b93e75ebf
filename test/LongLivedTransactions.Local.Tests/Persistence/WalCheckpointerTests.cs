using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Persistence;
using LongLivedTransactions.StatesLanguage.History;

namespace LongLivedTransactions.Local.Tests.Persistence;

/// <summary>The state database's write-ahead log is emptied once it grows long, instead of growing with every event.</summary>
public sealed class WalCheckpointerTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("llt-wal-").FullName;

    [Fact]
    public async Task A_log_longer_than_its_limit_is_copied_into_the_database_and_emptied_instead_of_growing()
    {
        string log = Path.Combine(directory, LocalStateDatabase.FileName + "-wal");
        using (LocalStateDatabase database = LocalStateDatabase.Open(directory))
        {
            long execution = database.InsertExecution(
                "arn:aws:states:us-east-1:123456789012:execution:Machine:long", "arn:aws:states:us-east-1:123456789012:stateMachine:Machine",
                "revision", "long", "{}", DateTimeOffset.UtcNow, testCase: null);
            var details = new JsonObject { ["name"] = "Work", ["input"] = new string('x', 2_000) };

            // About 80 MiB of events, past the log's 64 MiB limit.
            for (int id = 1; id <= 40_000; id++)
            {
                database.AppendEvent(execution, new HistoryEvent(id, id - 1, DateTimeOffset.UtcNow, "PassStateEntered", "stateEnteredEventDetails", details));
            }

            // Without the limit the log would stay 80 MiB long; with it, it starts again from its beginning once past
            // 64 MiB, and is emptied at the first tick that finds no commit since the one before.
            const long limit = 64L * 1024 * 1024;
            for (int tick = 0; tick < 50 && new FileInfo(log).Length > limit; tick++)
            {
                await Task.Delay(100);
            }

            Assert.InRange(new FileInfo(log).Length, 0, limit);
            Assert.Equal(40_000, database.LoadHistory(execution).Count);
        }
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
