using System.Text.Json.Nodes;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Local.Tests.Api;
using LongLivedTransactions.Local.Workflow;
using Microsoft.Playwright;

namespace LongLivedTransactions.Local.Tests.Console;

/// <summary>The console with the JSONata flavour of the saga: its graph, an execution, and the variables each state assigned.</summary>
public sealed class ConsoleJsonataTests(LocalServerFixture fixture) : IClassFixture<LocalServerFixture>
{
    private const string MachineName = "SagaJsonataInConsole";
    private const string OrderId = "3a7dc768-6f32-495d-a140-3d330c246f50";

    private static readonly string[] CompensatedPath =
        ["ProcessOrder", "ProcessPayment", "ReserveInventory", "ReleaseInventory", "ProcessRefund", "UpdateOrderStatus", "OrderFailed"];

    [Fact]
    public async Task A_jsonata_execution_shows_each_state_s_assigned_variables_and_the_variables_in_scope()
    {
        await fixture.CallOkAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = MachineName,
            ["roleArn"] = "arn:aws:iam::123456789012:role/r",
            ["definition"] = SagaDefinition.Load(fixture.RepositoryRoot, fixture.Server.Cloud.Arns, SagaQueryLanguage.Jsonata),
        });

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await ConsoleBrowser.LaunchAsync(playwright);
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1500, Height = 1050 } });
        List<string> errors = ConsoleBrowser.CollectErrors(page);

        // Listed, drawn, and marked as JSONata.
        await page.GotoAsync(fixture.Endpoint.ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = MachineName }).ClickAsync();
        await Assertions.Expect(page.Locator("h1").GetByTestId("query-language")).ToHaveTextAsync("JSONata");
        await Assertions.Expect(page.Locator("svg g.node")).ToHaveCountAsync(12);

        await page.Locator("#scenario option[value='events/05-reserve-inventory-fails.json']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.SelectOptionAsync("#scenario", "events/05-reserve-inventory-fails.json");
        await page.FillAsync("#execution-name", "jsonata-05");
        await page.ClickAsync("#start-execution");
        await Assertions.Expect(ConsoleBrowser.ExecutionStatus(page)).ToHaveTextAsync("FAILED", new() { Timeout = 30_000 });

        var path = await page.Locator("[data-testid=path] li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.state)");
        Assert.Equal(CompensatedPath, path);

        // ProcessOrder assigns $order, the order as it came in.
        JsonObject processOrder = await SelectAsync(page, "ProcessOrder");
        Assert.Equal(["order"], Names(processOrder["assigned"]));
        Assert.Equal(OrderId, processOrder["assigned"]!["order"]!["order_id"]!.GetValue<string>());
        Assert.Equal(["order"], Names(processOrder["scope"]));

        // ProcessPayment assigns nothing; $order is still in scope.
        JsonObject processPayment = await SelectAsync(page, "ProcessPayment");
        Assert.Null(processPayment["assigned"]);
        Assert.Equal(["order"], Names(processPayment["scope"]));

        // The failed step's catcher assigns $error; both variables are in scope after it.
        JsonObject reserveInventory = await SelectAsync(page, "ReserveInventory");
        Assert.Equal("CAUGHT", await page.GetByTestId("state-status").TextContentAsync());
        Assert.Equal(["error"], Names(reserveInventory["assigned"]));
        Assert.Equal("ErrReserveInventory", reserveInventory["assigned"]!["error"]!["Error"]!.GetValue<string>());
        Assert.Equal(["error", "order"], Names(reserveInventory["scope"]));
        Assert.Contains("ErrReserveInventory", await page.GetByTestId("state-error").TextContentAsync(), StringComparison.Ordinal);

        // The compensation sent $order (the Arguments as the task received them) and its output is shown.
        await SelectAsync(page, "ReleaseInventory");
        JsonNode arguments = JsonNode.Parse((await page.GetByTestId("state-parameters").TextContentAsync())!)!;
        Assert.Equal(OrderId, arguments["Payload"]!["order_id"]!.GetValue<string>());
        Assert.Contains(OrderId, await page.GetByTestId("state-output").TextContentAsync(), StringComparison.Ordinal);

        Assert.Empty(errors);
    }

    /// <summary>Clicks a state of the graph and reads the variables it assigned and those in scope after it (null for none).</summary>
    private static async Task<JsonObject> SelectAsync(IPage page, string state)
    {
        await page.Locator($"[data-testid=graph] g.node[data-state={state}]").First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("state-details").Locator("h2")).ToContainTextAsync($"State: {state}");
        return new JsonObject
        {
            ["assigned"] = ReadVariables(await page.GetByTestId("assigned-variables").TextContentAsync()),
            ["scope"] = ReadVariables(await page.GetByTestId("variables-in-scope").TextContentAsync()),
        };
    }

    private static JsonNode? ReadVariables(string? text) => text == "(none)" ? null : JsonNode.Parse(text!);

    private static string[] Names(JsonNode? variables) =>
        variables is JsonObject names ? names.Select(pair => pair.Key).Order(StringComparer.Ordinal).ToArray() : [];
}
