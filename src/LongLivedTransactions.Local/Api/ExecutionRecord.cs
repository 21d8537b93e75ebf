using LongLivedTransactions.StatesLanguage.Execution;

namespace LongLivedTransactions.Local.Api;

/// <summary>An execution the API started, with the state machine revision it runs (DescribeStateMachineForExecution).</summary>
public sealed record ExecutionRecord(Execution Execution, StateMachineRecord StateMachine)
{
    public string ExecutionArn => Execution.ExecutionArn;
}
