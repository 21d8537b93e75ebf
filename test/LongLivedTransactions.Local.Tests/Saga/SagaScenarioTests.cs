using System.Text.Json.Nodes;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Local.Workflow;
using LongLivedTransactions.StatesLanguage.Execution;

namespace LongLivedTransactions.Local.Tests.Saga;

/// <summary>
/// Each scenario file through the real saga, in both flavours of its definition: engine, in-process functions and
/// dynalite. Both flavours must take the same path and leave the same records, as events/expected/scenarios.json says.
/// </summary>
public class SagaScenarioTests(SagaFlavoursFixture fixture) : IClassFixture<SagaFlavoursFixture>
{
    public static TheoryData<SagaQueryLanguage, string> ScenarioFiles()
    {
        var data = new TheoryData<SagaQueryLanguage, string>();
        foreach (SagaQueryLanguage flavour in Enum.GetValues<SagaQueryLanguage>())
        {
            foreach (JsonObject scenario in LocalCloudFixture.ExpectedScenarios())
            {
                data.Add(flavour, scenario["file"]!.GetValue<string>());
            }
        }

        return data;
    }

    [Theory]
    [InlineData(SagaQueryLanguage.JsonPath, "JSONPath")]
    [InlineData(SagaQueryLanguage.Jsonata, "JSONata")]
    public void Each_cloud_runs_the_definition_of_its_flavour(SagaQueryLanguage flavour, string queryLanguage)
    {
        LocalCloud cloud = fixture.Cloud(flavour);

        Assert.Equal(Path.Combine(LocalCloudFixture.RepositoryRoot, SagaTopology.DefinitionPath(flavour)), cloud.SagaDefinitionFile);
        Assert.Equal(queryLanguage, cloud.Saga.QueryLanguage);
        Assert.DoesNotContain("${", cloud.SagaDefinitionJson, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public async Task The_scenario_takes_its_path_and_leaves_its_records(SagaQueryLanguage flavour, string file)
    {
        JsonObject expected = LocalCloudFixture.ExpectedScenarios().Single(s => s["file"]!.GetValue<string>() == file);
        string input = File.ReadAllText(Path.Combine(LocalCloudFixture.RepositoryRoot, file));
        LocalCloud cloud = fixture.Cloud(flavour);
        long notificationsBefore = cloud.Notifications.Messages.Recorded;

        Execution execution = cloud.StartSaga(Path.GetFileNameWithoutExtension(file), input);
        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(LocalCloudFixture.Strings(expected["path"]), ExecutionPath.FromHistory(execution.GetHistory()));
        Assert.Equal(expected["status"]!.GetValue<string>(), LongLivedTransactions.Local.Api.ApiJson.StatusText(execution.Status));
        Assert.Equal(expected["error"]?.GetValue<string>(), execution.Error);
        if (execution.Error is not null)
        {
            // The cause is the Lambda error payload of the step that failed last.
            JsonNode cause = JsonNode.Parse(execution.Cause!)!;
            Assert.Equal(execution.Error, cause["errorType"]!.GetValue<string>());
            Assert.Contains(expected["order_id"]!.GetValue<string>(), cause["errorMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        JsonObject[] published = cloud.Notifications.Messages.Since(notificationsBefore).Select(m => JsonNode.Parse(m.Message)!.AsObject()).ToArray();
        JsonArray expectedNotifications = expected["notifications"]!.AsArray();
        Assert.Equal(expectedNotifications.Count, published.Length);
        for (int i = 0; i < published.Length; i++)
        {
            Assert.Equal(expected["order_id"]!.GetValue<string>(), published[i]["order_id"]!.GetValue<string>());
            Assert.Equal(expectedNotifications[i]!["status"]!.GetValue<string>(), published[i]["status"]!.GetValue<string>());
            Assert.Equal(expectedNotifications[i]!["failed_step"]?.GetValue<string>(), published[i]["failed_step"]?.GetValue<string>());
            if (published[i]["failed_step"] is not null)
            {
                // A failed compensation announces its own error, which is also the error the execution ends with.
                Assert.Equal(execution.Error, published[i]["error"]!["Error"]!.GetValue<string>());
                Assert.Equal(execution.Cause, published[i]["error"]!["Cause"]!.GetValue<string>());
            }
        }

        SagaRecords records = await SagaRecords.ReadAsync(cloud.DynamoDb, cloud.TableNames, expected["order_id"]!.GetValue<string>(), CancellationToken.None);
        JsonNode expectedRecords = expected["records"]!;
        Assert.Equal(expectedRecords["order_status"]!.GetValue<string>(), records.OrderStatus);
        Assert.Equal(LocalCloudFixture.Strings(expectedRecords["payments"]), records.Payments.Select(p => p.PaymentType));
        Assert.Equal(LocalCloudFixture.Strings(expectedRecords["inventory"]), records.InventoryTransactions.Select(t => t.TransactionType));
        if (records.Payments.Count == 2)
        {
            Assert.Equal(0m, records.Payments.Sum(p => p.PaymentAmount));
        }

        if (records.Payments.Count > 0 && records.Payments[0] is var debit)
        {
            decimal total = JsonNode.Parse(input)!["items"]!.AsArray()
                .Sum(item => item!["qty"]!.GetValue<decimal>() * item["unit_price"]!.GetValue<decimal>());
            Assert.Equal(total, debit.PaymentAmount);
        }
    }

    [Theory]
    [InlineData(SagaQueryLanguage.JsonPath)]
    [InlineData(SagaQueryLanguage.Jsonata)]
    public async Task An_order_without_an_order_id_is_refused_and_still_announced(SagaQueryLanguage flavour)
    {
        // No step can work on it, so the compensation that resets the order fails too, and the notice must not need
        // the missing field: it carries the order as it came in, with the status, the failed step and the error.
        JsonObject order = JsonNode.Parse(File.ReadAllText(Path.Combine(LocalCloudFixture.RepositoryRoot, "events/07-order-succeeds.json")))!.AsObject();
        order.Remove("order_id");
        LocalCloud cloud = fixture.Cloud(flavour);
        long notificationsBefore = cloud.Notifications.Messages.Recorded;

        Execution execution = cloud.StartSaga("no-order-id-" + Guid.NewGuid().ToString("N")[..8], order.ToJsonString());
        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["ProcessOrder", "UpdateOrderStatus", "sns:NotifyUpdateOrderFail", "OrderFailed"], ExecutionPath.FromHistory(execution.GetHistory()));
        Assert.Equal("ErrUpdateOrderStatus", execution.Error);
        JsonObject notice = JsonNode.Parse(Assert.Single(cloud.Notifications.Messages.Since(notificationsBefore)).Message)!.AsObject();
        Assert.Equal("ORDER_FAILED", notice["status"]!.GetValue<string>());
        Assert.Equal("UpdateOrderStatus", notice["failed_step"]!.GetValue<string>());
        Assert.Equal("ErrUpdateOrderStatus", notice["error"]!["Error"]!.GetValue<string>());
        Assert.Contains("order_id", notice["error"]!["Cause"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(order["customer_id"]!.GetValue<string>(), notice["customer_id"]!.GetValue<string>());
        Assert.False(notice.ContainsKey("order_id"));
    }

    [Theory]
    [InlineData("events/05-reserve-inventory-fails.json")]
    [InlineData("events/06-release-inventory-fails.json")]
    public async Task In_the_JSONata_flavour_every_compensation_is_given_the_order_as_it_came_in(string file)
    {
        string input = File.ReadAllText(Path.Combine(LocalCloudFixture.RepositoryRoot, file));
        LocalCloud cloud = fixture.Cloud(SagaQueryLanguage.Jsonata);

        Execution execution = cloud.StartSaga(Path.GetFileNameWithoutExtension(file) + "-payloads", input);
        await execution.Completion.WaitAsync(TimeSpan.FromSeconds(30));

        // The forward steps pass on what the previous step returned; the compensations get $order, the clean input.
        JsonObject[] scheduled = execution.GetHistory()
            .Where(e => e.Type == "TaskScheduled")
            .Select(e => JsonNode.Parse(e.Details!["parameters"]!.GetValue<string>())!.AsObject())
            .Where(parameters => parameters["FunctionName"] is not null)
            .ToArray();
        string[] compensations = ["ReleaseInventory", "RefundPayment", "UpdateOrder"];
        JsonObject[] compensationCalls = scheduled
            .Where(parameters => compensations.Any(name => parameters["FunctionName"]!.GetValue<string>().EndsWith(":" + name, StringComparison.Ordinal)))
            .ToArray();
        Assert.NotEmpty(compensationCalls);
        Assert.All(compensationCalls, parameters => Assert.True(JsonNode.DeepEquals(JsonNode.Parse(input), parameters["Payload"])));
        Assert.Contains(scheduled, parameters => parameters["Payload"]!["payment"] is not null);
    }
}
