using System.Text.Json.Nodes;

namespace LongLivedTransactions.Local.Api;

/// <summary>The Step Functions operations this endpoint serves, by the name <c>X-Amz-Target</c> gives after the dot.</summary>
public sealed class StepFunctionsApi(
    StateMachineOperations stateMachines, ExecutionOperations executions, DefinitionOperations definitions, CallbackOperations callbacks)
{
    public const string TargetPrefix = "AWSStepFunctions.";

    public static IReadOnlyList<string> Operations { get; } =
    [
        "CreateStateMachine", "DescribeStateMachine", "ListStateMachines", "UpdateStateMachine", "DeleteStateMachine",
        "StartExecution", "StartSyncExecution", "DescribeExecution", "DescribeStateMachineForExecution",
        "GetExecutionHistory", "ListExecutions", "StopExecution", "RedriveExecution", "ValidateStateMachineDefinition", "TestState",
        "SendTaskSuccess", "SendTaskFailure", "SendTaskHeartbeat",
    ];

    /// <exception cref="StepFunctionsException">The AWS error the operation answers with.</exception>
    public async Task<JsonObject> InvokeAsync(string operation, ApiRequest request, CancellationToken cancellationToken) =>
        operation switch
        {
            "CreateStateMachine" => stateMachines.Create(request),
            "DescribeStateMachine" => stateMachines.Describe(request),
            "ListStateMachines" => stateMachines.List(request),
            "UpdateStateMachine" => stateMachines.Update(request),
            "DeleteStateMachine" => stateMachines.Delete(request),
            "StartExecution" => executions.Start(request),
            "StartSyncExecution" => await executions.StartSyncAsync(request, cancellationToken).ConfigureAwait(false),
            "DescribeExecution" => executions.Describe(request),
            "DescribeStateMachineForExecution" => executions.DescribeStateMachine(request),
            "GetExecutionHistory" => executions.History(request),
            "ListExecutions" => executions.List(request),
            "StopExecution" => executions.Stop(request),
            "RedriveExecution" => executions.Redrive(request),
            "ValidateStateMachineDefinition" => DefinitionOperations.Validate(request),
            "TestState" => await definitions.TestStateAsync(request, cancellationToken).ConfigureAwait(false),
            "SendTaskSuccess" => await callbacks.SucceedAsync(request, cancellationToken).ConfigureAwait(false),
            "SendTaskFailure" => await callbacks.FailAsync(request, cancellationToken).ConfigureAwait(false),
            "SendTaskHeartbeat" => await callbacks.HeartbeatAsync(request, cancellationToken).ConfigureAwait(false),
            _ => throw StepFunctionsErrors.UnknownOperation(TargetPrefix + operation),
        };
}
