using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Tests.Api;
using Microsoft.Playwright;

namespace LongLivedTransactions.Local.Tests.Console;

/// <summary>The console's graph for a definition that is not the saga: Choice, Parallel, Map, Retry and Catch.</summary>
public sealed class ConsoleGraphTests(LocalServerFixture fixture) : IClassFixture<LocalServerFixture>
{
    // A Choice leads to a Parallel whose second branch holds a Map; then a task that always fails (an order id starting
    // with '1' makes NewOrder throw ErrProcessOrder) is retried twice and caught.
    private static string Definition(string newOrderFunctionArn) => $$"""
        {
          "StartAt": "Route",
          "States": {
            "Route": {
              "Type": "Choice",
              "Choices": [ { "Variable": "$.mode", "StringEquals": "fan-out", "Next": "FanOut" } ],
              "Default": "Skip"
            },
            "Skip": { "Type": "Succeed" },
            "FanOut": {
              "Type": "Parallel",
              "ResultPath": "$.fanOut",
              "Branches": [
                { "StartAt": "Tag", "States": { "Tag": { "Type": "Pass", "Result": "tagged", "End": true } } },
                { "StartAt": "EachItem", "States": { "EachItem": {
                  "Type": "Map", "ItemsPath": "$.order.items",
                  "ItemProcessor": { "ProcessorConfig": { "Mode": "INLINE" }, "StartAt": "PriceItem",
                    "States": { "PriceItem": { "Type": "Pass", "End": true } } },
                  "End": true } } }
              ],
              "Next": "CreateOrder"
            },
            "CreateOrder": {
              "Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": { "FunctionName": "{{newOrderFunctionArn}}", "Payload.$": "$.order" },
              "Retry": [ { "ErrorEquals": [ "ErrProcessOrder" ], "IntervalSeconds": 1, "MaxAttempts": 2, "BackoffRate": 1 } ],
              "Catch": [ { "ErrorEquals": [ "ErrProcessOrder" ], "ResultPath": "$.error", "Next": "Compensate" } ],
              "Next": "Done"
            },
            "Compensate": { "Type": "Pass", "Next": "Failed" },
            "Failed": { "Type": "Fail", "Error": "OrderNotCreated" },
            "Done": { "Type": "Succeed" }
          }
        }
        """;

    [Fact]
    public async Task Parallel_branches_and_a_map_are_drawn_nested_with_choice_and_catch_edges_and_the_attempts_of_a_retried_task()
    {
        JsonObject created = await fixture.CallOkAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = "FanOutInConsole",
            ["roleArn"] = "arn:aws:iam::123456789012:role/r",
            ["definition"] = Definition(fixture.Server.Cloud.Arns.Function("NewOrder")),
        });
        var order = JsonNode.Parse(fixture.ReadRepositoryFile("events/01-process-order-fails.json"))!;
        order["items"]!.AsArray().Add(new JsonObject { ["item_id"] = "item-2002", ["qty"] = 2, ["description"] = "Socks", ["unit_price"] = 14.5 });
        var input = new JsonObject { ["mode"] = "fan-out", ["order"] = order };

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await ConsoleBrowser.LaunchAsync(playwright);
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1500, Height = 1100 } });
        List<string> errors = ConsoleBrowser.CollectErrors(page);
        await page.GotoAsync($"{fixture.Endpoint}#/state-machine/{Uri.EscapeDataString(created["stateMachineArn"]!.GetValue<string>())}");
        await page.FillAsync("#input", input.ToJsonString());
        await page.ClickAsync("#start-execution");
        await Assertions.Expect(ConsoleBrowser.ExecutionStatus(page)).ToHaveTextAsync("FAILED", new() { Timeout = 30_000 });

        ILocator graph = page.GetByTestId("graph");
        // Nesting: the Parallel holds one group per branch, the Map (in the second branch) holds its item processor.
        ILocator fanOut = graph.Locator("g.node.compound.parallel[data-state=FanOut]");
        Assert.Equal(2, await fanOut.Locator("> g.branch").CountAsync());
        Assert.Equal(1, await fanOut.Locator("> g.branch[data-branch='0'] g.node[data-state=Tag]").CountAsync());
        ILocator eachItem = fanOut.Locator("> g.branch[data-branch='1'] g.node.compound.map[data-state=EachItem]");
        Assert.Equal(1, await eachItem.Locator("> g.branch.item-processor g.node[data-state=PriceItem]").CountAsync());
        Assert.Equal(0, await graph.Locator("svg > g.graph-body > g.node[data-state=Tag], svg > g.graph-body > g.node[data-state=PriceItem]").CountAsync());
        LocatorBoundingBoxResult outer = await BoxAsync(fanOut.Locator("> rect.box"));
        LocatorBoundingBoxResult inner = await BoxAsync(eachItem.Locator("> rect.box"));
        Assert.True(
            inner.X > outer.X && inner.Y > outer.Y && inner.X + inner.Width < outer.X + outer.Width && inner.Y + inner.Height < outer.Y + outer.Height,
            "The map is drawn inside the parallel.");
        Assert.Empty(await OverlappingBoxesAsync(page));

        // What ran: the map's state once per item, the branch states, the retried task with its three attempts.
        await Assertions.Expect(eachItem.Locator("g.node[data-state=PriceItem]")).ToHaveAttributeAsync("data-status", "succeeded");
        Assert.Equal("2", await eachItem.Locator("g.node[data-state=PriceItem] [data-testid=visits]").GetAttributeAsync("data-visits"));
        Assert.Equal("succeeded", await fanOut.Locator("g.node[data-state=Tag]").GetAttributeAsync("data-status"));
        ILocator createOrder = graph.Locator("g.node[data-state=CreateOrder]");
        Assert.Equal("caught", await createOrder.GetAttributeAsync("data-status"));
        Assert.Equal("3", await createOrder.GetByTestId("attempts").GetAttributeAsync("data-attempts"));
        Assert.Equal("3 attempts", await createOrder.GetByTestId("attempts").TextContentAsync());
        Assert.Equal(0, await graph.Locator("g.node[data-state=Route] [data-testid=attempts]").CountAsync());

        // Edges: Choice rules labelled with their condition, Default named, Catch edges apart from Next edges.
        Assert.Equal("$.mode == \"fan-out\"", await graph.Locator("text.edge-label.choice[data-from=Route][data-to=FanOut]").TextContentAsync());
        Assert.Equal("Default", await graph.Locator("text.edge-label.choice[data-from=Route][data-to=Skip]").TextContentAsync());
        ILocator catchEdge = graph.Locator("path.edge.catch[data-from=CreateOrder][data-to=Compensate]");
        Assert.Equal(1, await catchEdge.CountAsync());
        Assert.Contains("taken", await catchEdge.GetAttributeAsync("class"), StringComparison.Ordinal);
        Assert.Equal("ErrProcessOrder", await graph.Locator("text.edge-label.catch[data-from=CreateOrder]").TextContentAsync());
        Assert.Equal(1, await graph.Locator("path.edge.next:not(.catch)[data-from=CreateOrder][data-to=Done]").CountAsync());
        Assert.Equal(["Route", "FanOut", "CreateOrder", "Compensate", "Failed"],
            await page.Locator("[data-testid=path] li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.state)"));

        // A state inside the map: one visit per item, each with where it ran; the retried task shows its attempts.
        await eachItem.Locator("g.node[data-state=PriceItem]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("state-details").Locator("h2")).ToContainTextAsync("State: PriceItem");
        // The iterations run at once, so either may have been entered first.
        IReadOnlyList<string> visits = await page.GetByTestId("visit-picker").Locator("option").AllTextContentsAsync();
        Assert.Equal(2, visits.Count);
        Assert.Single(visits, v => v.EndsWith("— FanOut › Branch 2 › EachItem › Iteration 0 (succeeded)", StringComparison.Ordinal));
        Assert.Single(visits, v => v.EndsWith("— FanOut › Branch 2 › EachItem › Iteration 1 (succeeded)", StringComparison.Ordinal));
        foreach ((string item, int iteration) in new[] { ("item-1001", 0), ("item-2002", 1) })
        {
            await page.GetByTestId("visit-picker").SelectOptionAsync(new SelectOptionValue { Label = visits.Single(v => v.Contains($"Iteration {iteration}", StringComparison.Ordinal)) });
            await Assertions.Expect(page.GetByTestId("visit-scope")).ToHaveTextAsync($"In FanOut › Branch 2 › EachItem › Iteration {iteration}");
            await Assertions.Expect(page.GetByTestId("state-input")).ToContainTextAsync(item);
        }

        await createOrder.ClickAsync();
        await Assertions.Expect(page.GetByTestId("visit-attempts")).ToHaveTextAsync("3 attempts (2 retries)");
        Assert.Empty(errors);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "TestResults", "console-graph.png") });
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator) =>
        await locator.BoundingBoxAsync() ?? throw new InvalidOperationException("The element is not drawn.");

    /// <summary>Pairs of state boxes that overlap on the screen (a box never overlaps the boxes around or inside it).</summary>
    private static Task<string[]> OverlappingBoxesAsync(IPage page) => page.EvaluateAsync<string[]>("""
        () => {
          const nodes = [...document.querySelectorAll("[data-testid=graph] g.node")];
          const box = n => n.querySelector(":scope > rect.box").getBoundingClientRect();
          const found = [];
          for (const a of nodes) for (const b of nodes) {
            if (a === b || a.contains(b) || b.contains(a) || a.dataset.state > b.dataset.state) continue;
            const p = box(a), q = box(b);
            if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom) found.push(`${a.dataset.state}/${b.dataset.state}`);
          }
          return found;
        }
        """);
}
