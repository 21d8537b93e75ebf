using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Workflow;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.History;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;
using LongLivedTransactions.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LongLivedTransactions.Local.Tests.Saga;

/// <summary>The saga's Retry rules absorb transient Lambda faults, and a MockConfigFile replaces the functions.</summary>
public class RetryAndMockTests(LocalCloudFixture fixture) : IClassFixture<LocalCloudFixture>
{
    [Fact]
    public async Task A_function_that_throws_ServiceException_twice_then_succeeds_is_retried_and_the_saga_succeeds()
    {
        LocalCloud cloud = fixture.Cloud;
        var flaky = new FlakyLambdaHost(cloud.Functions, failingFunction: "DebitPayment", failures: 2);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var engine = new ExecutionEngine([new LambdaInvokeTaskInvoker(flaky, clock), new SnsPublishTaskInvoker(cloud.Notifications, clock)], clock);
        string orderJson = System.Text.Json.JsonSerializer.Serialize(SampleOrders.Create(), Core.Json.SagaJsonContext.Default.Order);

        Execution execution = engine.Start(Request(cloud, "retried", orderJson));
        await RunToCompletionAsync(execution, clock);

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        IReadOnlyList<HistoryEvent> history = execution.GetHistory();
        string[] paymentOutcomes = history
            .Where(e => e.Type is "TaskFailed" or "TaskSucceeded")
            .Select(e => e.Type == "TaskFailed" ? e.Details!["error"]!.GetValue<string>() : "succeeded")
            .ToArray();
        Assert.Equal(["succeeded", "Lambda.ServiceException", "Lambda.ServiceException", "succeeded", "succeeded", "succeeded"], paymentOutcomes);
        Assert.Equal(["ProcessOrder", "ProcessPayment", "ReserveInventory", "sns:NotifySuccess", "OrderSucceeded"], ExecutionPath.FromHistory(history));
        Assert.Equal(3, flaky.Attempts("DebitPayment"));
    }

    [Fact]
    public async Task A_MockConfigFile_test_case_replaces_the_functions_and_drives_the_compensation_path()
    {
        // Like the real functions, the mocked compensations return the fields they were given (the caught error).
        const string mockConfig = """
            {
              "StateMachines": {
                "LongLivedTransactionsSaga": {
                  "TestCases": {
                    "PaymentDeclined": {
                      "ProcessOrder": "OrderAccepted",
                      "ProcessPayment": "PaymentDeclined",
                      "ProcessRefund": "RefundRecorded",
                      "UpdateOrderStatus": "OrderPending"
                    }
                  }
                }
              },
              "MockedResponses": {
                "OrderAccepted": { "0": { "Return": { "StatusCode": 200, "Payload": { "order_id": "mocked-order", "order_status": "New" } } } },
                "PaymentDeclined": { "0": { "Throw": { "Error": "ErrProcessPayment", "Cause": "Card declined (mocked)." } } },
                "RefundRecorded": { "0": { "Return": { "StatusCode": 200, "Payload": { "order_id": "mocked-order", "payment": { "payment_type": "Credit" }, "error": { "Error": "ErrProcessPayment", "Cause": "Card declined (mocked)." } } } } },
                "OrderPending": { "0": { "Return": { "StatusCode": 200, "Payload": { "order_id": "mocked-order", "order_status": "Pending", "error": { "Error": "ErrProcessPayment", "Cause": "Card declined (mocked)." } } } } }
              }
            }
            """;
        LocalCloud cloud = fixture.Cloud;
        MockedTaskInvoker mocks = MockConfiguration.Parse(mockConfig).ForTestCase(SagaDefinition.StateMachineName, "PaymentDeclined")!;

        // "mocked-order" is no UUID: had the real NewOrder run, it would have failed with ErrProcessOrder instead.
        Execution execution = cloud.Engine.Start(Request(cloud, "mocked", """{"order_id":"mocked-order"}""") with { ExtraInvokers = [mocks] });
        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["ProcessOrder", "ProcessPayment", "ProcessRefund", "UpdateOrderStatus", "OrderFailed"], ExecutionPath.FromHistory(execution.GetHistory()));
        Assert.Equal("ErrProcessPayment", execution.Error);
        Assert.Equal("Card declined (mocked).", execution.Cause);
    }

    private static ExecutionRequest Request(LocalCloud cloud, string name, string input) =>
        new(cloud.SagaStateMachineArn, cloud.Arns.Execution(SagaDefinition.StateMachineName, name + "-" + Guid.NewGuid().ToString("N")[..8]), name, cloud.Saga, input);

    /// <summary>
    /// Moves the fake clock past the retry back-off (at most MaxDelaySeconds, 8 s) while the failed attempt is the
    /// latest event, and never while a task runs, so the tasks' own 10 s timeouts cannot fire however slowly
    /// dynalite answers. It advances again every 50 ms until the retry starts: on a busy machine the engine may
    /// set its back-off timer only after the first advance. No real time is spent waiting.
    /// </summary>
    private static async Task RunToCompletionAsync(Execution execution, FakeTimeProvider clock)
    {
        for (int step = 0; step < 6_000 && !execution.Completion.IsCompleted; step++)
        {
            if (step % 10 == 0 && execution.GetHistory()[^1].Type == "TaskFailed")
            {
                clock.Advance(TimeSpan.FromSeconds(8));
            }

            await Task.Delay(5);
        }

        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Fails the first calls to one function as the Lambda service would, then lets them through.</summary>
    private sealed class FlakyLambdaHost(ILambdaFunctionHost inner, string failingFunction, int failures) : ILambdaFunctionHost
    {
        private readonly Dictionary<string, int> attempts = [];

        public int Attempts(string function) => attempts.GetValueOrDefault(function);

        public Task<LambdaInvocationResult> InvokeAsync(string functionName, string payloadJson, CancellationToken cancellationToken)
        {
            string name = Functions.InProcessLambdaHost.NameOf(functionName);
            int attempt;
            lock (attempts)
            {
                attempt = attempts[name] = attempts.GetValueOrDefault(name) + 1;
            }

            return name == failingFunction && attempt <= failures
                ? throw new TaskFailedException("Lambda.ServiceException", "Rate exceeded (simulated transient fault).")
                : inner.InvokeAsync(functionName, payloadJson, cancellationToken);
        }
    }
}
