using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Local.Cli;
using LongLivedTransactions.Local.Tests.Api;
using LongLivedTransactions.Local.Tests.Saga;

namespace LongLivedTransactions.Local.Tests.Invariants;

/// <summary>
/// <c>invariants</c> against a real running server: the seven scenarios started through the API leave the tables
/// consistent, and a refund taken away afterwards is reported with its order id.
/// </summary>
public class InvariantsCommandTests(LocalServerFixture fixture) : IClassFixture<LocalServerFixture>
{
    private const string PaymentFailsOrderId = "20b0b599-441b-45c3-910e-ad63fe992c43";

    [Fact]
    public async Task The_scenarios_keep_the_invariants_and_a_missing_refund_is_reported_with_its_order()
    {
        foreach (JsonObject scenario in LocalCloudFixture.ExpectedScenarios())
        {
            string file = scenario["file"]!.GetValue<string>();
            JsonObject started = await fixture.CallOkAsync("StartExecution", new JsonObject
            {
                ["stateMachineArn"] = fixture.Server.SagaStateMachineArn,
                ["name"] = Path.GetFileNameWithoutExtension(file),
                ["input"] = fixture.ReadRepositoryFile(file),
            });
            await fixture.WaitForEndAsync(started["executionArn"]!.GetValue<string>());
        }

        var consistent = await RunAsync();

        Assert.True(consistent.ExitCode == 0, consistent.Output + consistent.Errors);
        Assert.Contains("executions      7\n", consistent.Output, StringComparison.Ordinal);
        Assert.Contains("violations      0\n", consistent.Output, StringComparison.Ordinal);

        await DeleteCreditAsync(PaymentFailsOrderId);
        var broken = await RunAsync();

        Assert.Equal(1, broken.ExitCode);
        Assert.Contains($"  order {PaymentFailsOrderId}: ", broken.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_that_does_not_answer_is_reported()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();

        int exitCode = await InvariantsCommand.ExecuteAsync(
            ["--endpoint", "http://127.0.0.1:9", "--dynamodb-endpoint", fixture.Server.DynamoDbEndpoint.ToString()], output, errors, CancellationToken.None);

        Assert.Equal(2, exitCode);
        Assert.Contains("Could not read the running saga", errors.ToString(), StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output, string Errors)> RunAsync()
    {
        using var output = new StringWriter();
        using var errors = new StringWriter();
        int exitCode = await InvariantsCommand.ExecuteAsync(
            ["--endpoint", fixture.Endpoint.ToString(), "--dynamodb-endpoint", fixture.Server.DynamoDbEndpoint.ToString()],
            output,
            errors,
            CancellationToken.None);
        return (exitCode, output.ToString().ReplaceLineEndings("\n"), errors.ToString());
    }

    private async Task DeleteCreditAsync(string orderId)
    {
        string table = SagaTopology.Payments.LogicalName;
        ScanResponse payments = await fixture.Server.Cloud.DynamoDb.ScanAsync(new ScanRequest { TableName = table });
        Dictionary<string, AttributeValue> credit = payments.Items.Single(item => item["order_id"].S == orderId && item["payment_type"].S == "Credit");
        await fixture.Server.Cloud.DynamoDb.DeleteItemAsync(table, new Dictionary<string, AttributeValue> { ["transaction_id"] = credit["transaction_id"] });
    }
}
