using System.Text.Json.Nodes;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Local.Workflow;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.History;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;
using LongLivedTransactions.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LongLivedTransactions.Local.Tests.Saga;

/// <summary>
/// The saga's Retry rules absorb transient Lambda and SNS faults (in both flavours of the definition where it is about the
/// definition), and a MockConfigFile replaces the functions.
/// </summary>
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

    [Theory]
    [InlineData(SagaQueryLanguage.JsonPath)]
    [InlineData(SagaQueryLanguage.Jsonata)]
    public async Task A_success_that_SNS_never_accepts_is_retried_then_the_committed_order_still_succeeds(SagaQueryLanguage flavour)
    {
        LocalCloud cloud = fixture.Cloud;
        var sns = new FlakySnsPublisher(cloud.Notifications, failures: int.MaxValue);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var engine = new ExecutionEngine([new LambdaInvokeTaskInvoker(cloud.Functions, clock), new SnsPublishTaskInvoker(sns, clock)], clock);
        string orderJson = System.Text.Json.JsonSerializer.Serialize(SampleOrders.Create(), Core.Json.SagaJsonContext.Default.Order);

        Execution execution = engine.Start(Request(cloud, "unannounced", orderJson, Definition(cloud, flavour)));
        await RunToCompletionAsync(execution, clock);

        // The publish is tried once and retried six times; then the Catch keeps the order's success.
        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        Assert.Equal(["ProcessOrder", "ProcessPayment", "ReserveInventory", "sns:NotifySuccess", "OrderSucceeded"], ExecutionPath.FromHistory(execution.GetHistory()));
        Assert.Equal(7, sns.Attempts);
        JsonNode output = JsonNode.Parse(execution.OutputJson!)!;
        Assert.Equal("SNS.InternalErrorException", output["notification_error"]!["Error"]!.GetValue<string>());
        Assert.NotNull(output["inventory"]);
    }

    [Theory]
    [InlineData(SagaQueryLanguage.JsonPath)]
    [InlineData(SagaQueryLanguage.Jsonata)]
    public async Task A_failure_notice_that_SNS_refuses_twice_is_retried_and_published_once(SagaQueryLanguage flavour)
    {
        LocalCloud cloud = fixture.Cloud;
        var sns = new FlakySnsPublisher(cloud.Notifications, failures: 2);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var engine = new ExecutionEngine([new LambdaInvokeTaskInvoker(cloud.Functions, clock), new SnsPublishTaskInvoker(sns, clock)], clock);
        string orderId = SampleOrders.NewId(Payments.RefundPaymentFunction.FailurePrefix);
        string orderJson = System.Text.Json.JsonSerializer.Serialize(SampleOrders.Create(orderId), Core.Json.SagaJsonContext.Default.Order);
        long notificationsBefore = cloud.Notifications.Messages.Recorded;

        Execution execution = engine.Start(Request(cloud, "announced", orderJson, Definition(cloud, flavour)));
        await RunToCompletionAsync(execution, clock);

        Assert.Equal("ErrProcessRefund", execution.Error);
        Assert.Equal(3, sns.Attempts);
        JsonObject notice = JsonNode.Parse(cloud.Notifications.Messages.Since(notificationsBefore).Single(m => m.Message.Contains(orderId, StringComparison.Ordinal)).Message)!.AsObject();
        Assert.Equal(orderId, notice["order_id"]!.GetValue<string>());
        Assert.Equal("ProcessRefund", notice["failed_step"]!.GetValue<string>());
        Assert.Equal("ErrProcessRefund", notice["error"]!["Error"]!.GetValue<string>());
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

    private static ExecutionRequest Request(LocalCloud cloud, string name, string input, StateMachineDefinition? definition = null) =>
        new(cloud.SagaStateMachineArn, cloud.Arns.Execution(SagaDefinition.StateMachineName, name + "-" + Guid.NewGuid().ToString("N")[..8]), name, definition ?? cloud.Saga, input);

    private static StateMachineDefinition Definition(LocalCloud cloud, SagaQueryLanguage flavour) =>
        SagaDefinition.Read(Path.Combine(LocalCloudFixture.RepositoryRoot, SagaTopology.DefinitionPath(flavour)), cloud.Arns).Definition;

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

    /// <summary>Fails the first publishes as SNS does with an internal error, then lets them through.</summary>
    private sealed class FlakySnsPublisher(ISnsPublisher inner, int failures) : ISnsPublisher
    {
        private int attempts;

        public int Attempts => Volatile.Read(ref attempts);

        public Task<string> PublishAsync(string topicArn, string message, string? subject, CancellationToken ct) =>
            Interlocked.Increment(ref attempts) <= failures
                ? throw new TaskFailedException("SNS.InternalErrorException", "Internal Error (simulated).")
                : inner.PublishAsync(topicArn, message, subject, ct);
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
