using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Workflow;
using LongLivedTransactions.StatesLanguage.Execution;

namespace LongLivedTransactions.Local.Tests.Saga;

/// <summary>Each scenario file through the real saga: engine, in-process functions and dynalite.</summary>
public class SagaScenarioTests(LocalCloudFixture fixture) : IClassFixture<LocalCloudFixture>
{
    public static TheoryData<string> ScenarioFiles()
    {
        var data = new TheoryData<string>();
        foreach (JsonObject scenario in LocalCloudFixture.ExpectedScenarios())
        {
            data.Add(scenario["file"]!.GetValue<string>());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ScenarioFiles))]
    public async Task The_scenario_takes_its_path_and_leaves_its_records(string file)
    {
        JsonObject expected = LocalCloudFixture.ExpectedScenarios().Single(s => s["file"]!.GetValue<string>() == file);
        string input = File.ReadAllText(Path.Combine(LocalCloudFixture.RepositoryRoot, file));
        LocalCloud cloud = fixture.Cloud;
        int notificationsBefore = cloud.Notifications.Messages.Count;

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

        JsonObject[] published = cloud.Notifications.Messages.Skip(notificationsBefore).Select(m => JsonNode.Parse(m.Message)!.AsObject()).ToArray();
        JsonArray expectedNotifications = expected["notifications"]!.AsArray();
        Assert.Equal(expectedNotifications.Count, published.Length);
        for (int i = 0; i < published.Length; i++)
        {
            Assert.Equal(expected["order_id"]!.GetValue<string>(), published[i]["order_id"]!.GetValue<string>());
            Assert.Equal(expectedNotifications[i]!["status"]!.GetValue<string>(), published[i]["status"]!.GetValue<string>());
            Assert.Equal(expectedNotifications[i]!["failed_step"]?.GetValue<string>(), published[i]["failed_step"]?.GetValue<string>());
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
}
