namespace LongLivedTransactions.StatesLanguage.Execution.Callbacks;

/// <summary>A Task state waiting for SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat with its token.</summary>
/// <param name="Since">When the task started waiting (after a restart: when it started waiting again).</param>
public sealed record WaitingTask(
    string TaskToken, string ExecutionArn, string StateName, string Resource, DateTimeOffset Since, int? TimeoutSeconds, int? HeartbeatSeconds);
