using LongLivedTransactions.Local.Persistence;
using LongLivedTransactions.StatesLanguage.Execution;

namespace LongLivedTransactions.Local.Api;

/// <summary>An execution as the API describes it, read from the state database.</summary>
public sealed record ExecutionRecord(StoredExecution Stored)
{
    public string ExecutionArn => Stored.Arn;

    public ExecutionStatus Status => ApiJson.ParseStatus(Stored.Status) ?? ExecutionStatus.Running;
}
