using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.Execution.StateTesting;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// TestState: reads and checks the request (<see cref="TestStateRequest"/>), runs the state once on the engine's own
/// state pipeline (<see cref="ExecutionEngine.TestStateAsync"/>), with the mock in place of its work when there is one,
/// and answers with the status, output, next state and inspection data (<see cref="TestStateReport"/>).
/// </summary>
public sealed class TestStateRunner(ExecutionEngine engine, string accountId)
{
    private const string StateMachineName = "TestState";

    public async Task<JsonObject> RunAsync(ApiRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        TestStateRequest test = TestStateRequest.Read(request);
        string executionName = Guid.NewGuid().ToString();
        var stateTest = new StateTestRequest(
            test.Definition.Machine,
            test.State.Name,
            test.InputJson,
            $"arn:aws:states:{request.Region}:{accountId}:stateMachine:{StateMachineName}",
            // TestState runs the state as an express execution.
            $"arn:aws:states:{request.Region}:{accountId}:express:{StateMachineName}:{executionName}",
            executionName,
            test.RoleArn ?? $"arn:aws:iam::{accountId}:role/{StateMachineName}Role")
        {
            Variables = test.Variables,
            Context = test.Context,
            Mock = test.Mock,
            RetrierRetryCount = test.Configuration.RetrierRetryCount,
            MapIterationFailureCount = test.Configuration.MapIterationFailureCount,
            MapItemReaderData = test.Configuration.MapItemReaderData,
        };

        StateTestResult result = await engine.TestStateAsync(stateTest, cancellationToken).ConfigureAwait(false);
        return TestStateReport.Build(result, test.State, test.Inspect);
    }
}
