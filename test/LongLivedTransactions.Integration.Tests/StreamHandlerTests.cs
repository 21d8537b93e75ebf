using System.Text.Json.Nodes;
using LongLivedTransactions.Core.Errors;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Testing;

namespace LongLivedTransactions.Integration.Tests;

/// <summary>The Lambda entry point with the scenario files, as the managed runtime would call it.</summary>
[Collection(DynaliteTests.Name)]
public class StreamHandlerTests(DynaliteFixture dynalite)
{
    [Fact]
    public async Task The_success_scenario_file_goes_through_the_three_forward_steps()
    {
        string json = File.ReadAllText(Path.Combine(Local.RepositoryRoot.Find(), "events", "07-order-succeeds.json"))
            .Replace("47063fe3", SampleOrders.NewId("4")[..8], StringComparison.Ordinal);

        Stream created = await dynalite.NewOrder().HandleAsync(SampleOrders.AsStream(json));
        Stream paid = await dynalite.DebitPayment().HandleAsync(created);
        Stream reserved = await dynalite.ReserveInventory().HandleAsync(paid);

        JsonNode order = (await JsonNode.ParseAsync(reserved))!;
        Assert.Equal("New", order["order_status"]!.GetValue<string>());
        Assert.Equal("Debit", order["payment"]!["payment_type"]!.GetValue<string>());
        Assert.Equal("Reserve", order["inventory"]!["transaction_type"]!.GetValue<string>());
        Assert.Single(await TableContents.ForOrderAsync(dynalite.DynamoDb, dynalite.TableName(SagaTopology.Payments), order["order_id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Malformed_json_is_the_functions_own_error()
    {
        var error = await Assert.ThrowsAsync<ErrReleaseInventory>(() => dynalite.ReleaseInventory().HandleAsync(SampleOrders.AsStream("{\"order_id\":")));
        Assert.Contains("not a valid order", error.Message, StringComparison.Ordinal);
    }
}
