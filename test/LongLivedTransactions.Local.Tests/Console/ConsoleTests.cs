using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LongLivedTransactions.Local.Tests.Api;
using Microsoft.Playwright;

namespace LongLivedTransactions.Local.Tests.Console;

/// <summary>The web console in headless Chromium (Debian's /usr/bin/chromium) against the real <c>up</c> server.</summary>
public sealed class ConsoleTests(LocalServerFixture fixture) : IClassFixture<LocalServerFixture>
{
    private static readonly Regex ExecutionUrl = new("#/execution/arn%3A");

    private static readonly string[] CompensatedPath =
        ["ProcessOrder", "ProcessPayment", "ReserveInventory", "ReleaseInventory", "ProcessRefund", "UpdateOrderStatus", "OrderFailed"];

    [Fact]
    public async Task Starting_the_reserve_inventory_scenario_from_the_page_highlights_the_compensation_path()
    {
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await ConsoleBrowser.LaunchAsync(playwright);
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1500, Height = 1050 } });
        List<string> consoleErrors = ConsoleBrowser.CollectErrors(page);

        await page.GotoAsync(fixture.Endpoint.ToString());
        await page.GetByRole(AriaRole.Link, new() { Name = "LongLivedTransactionsSaga" }).ClickAsync();
        await page.Locator("#scenario option[value='events/05-reserve-inventory-fails.json']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.SelectOptionAsync("#scenario", "events/05-reserve-inventory-fails.json");
        Assert.Contains("3a7dc768-6f32-495d-a140-3d330c246f50", await page.InputValueAsync("#input"), StringComparison.Ordinal);
        await page.FillAsync("#execution-name", "05-reserve-inventory-fails");
        await page.ClickAsync("#start-execution");

        // The execution page refreshes itself until the execution has ended.
        await Assertions.Expect(ConsoleBrowser.ExecutionStatus(page)).ToHaveTextAsync("FAILED", new() { Timeout = 30_000 });
        await Assertions.Expect(page).ToHaveURLAsync(ExecutionUrl);

        var path = await page.Locator("[data-testid=path] li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.state)");
        Assert.Equal(CompensatedPath, path);

        ILocator nodes = page.Locator("[data-testid=graph] g.node");
        var statuses = (await nodes.EvaluateAllAsync<string[][]>("nodes => nodes.map(n => [n.dataset.state, n.dataset.status])"))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        Assert.Equal(12, statuses.Count);
        Assert.Equal("caught", statuses["ReserveInventory"]);
        Assert.Equal("failed", statuses["OrderFailed"]);
        foreach (string state in new[] { "ProcessOrder", "ProcessPayment", "ReleaseInventory", "ProcessRefund", "UpdateOrderStatus" })
        {
            Assert.Equal("succeeded", statuses[state]);
        }

        Assert.Equal(CompensatedPath.Order(StringComparer.Ordinal), statuses.Where(s => s.Value != "not-run").Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal(6, await page.Locator("[data-testid=graph] path.edge.taken").CountAsync());
        Assert.Equal("ErrReserveInventory", await page.GetByTestId("execution-error").TextContentAsync());

        // The selected state shows its data; the history lists every event.
        await page.Locator("g.node[data-state=ReserveInventory]").ClickAsync();
        await Assertions.Expect(page.Locator("#page")).ToContainTextAsync("State: ReserveInventory");
        Assert.True(await page.Locator("[data-testid=history] tbody tr").CountAsync() > 20);
        Assert.Empty(consoleErrors);

        await page.Locator("g.node[data-state=OrderFailed]").ClickAsync();
        await ConsoleBrowser.ScreenshotAsync(page, fixture.RepositoryRoot, "docs/console.png");
    }

    [Fact]
    public async Task Typed_input_starts_an_execution_that_shows_as_running_and_the_stop_button_aborts_it()
    {
        JsonObject created = await fixture.CallOkAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = "HoldForConsole",
            ["roleArn"] = "arn:aws:iam::123456789012:role/r",
            ["definition"] = """{"StartAt":"Hold","States":{"Hold":{"Type":"Wait","Seconds":600,"Next":"Done"},"Done":{"Type":"Succeed"}}}""",
        });
        string arn = created["stateMachineArn"]!.GetValue<string>();

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await ConsoleBrowser.LaunchAsync(playwright);
        IPage page = await browser.NewPageAsync();
        await page.GotoAsync($"{fixture.Endpoint}#/state-machine/{Uri.EscapeDataString(arn)}");
        await page.FillAsync("#input", """{"typed": true}""");
        await page.ClickAsync("#start-execution");

        await Assertions.Expect(ConsoleBrowser.ExecutionStatus(page)).ToHaveTextAsync("RUNNING");
        await Assertions.Expect(page).ToHaveURLAsync(ExecutionUrl);
        await Assertions.Expect(page.Locator("g.node[data-state=Hold]")).ToHaveAttributeAsync("data-status", "running");
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop execution" }).ClickAsync();

        await Assertions.Expect(ConsoleBrowser.ExecutionStatus(page)).ToHaveTextAsync("ABORTED");
        await Assertions.Expect(page.Locator("g.node[data-state=Hold]")).ToHaveAttributeAsync("data-status", "aborted");
        await Assertions.Expect(page.Locator("g.node[data-state=Done]")).ToHaveAttributeAsync("data-status", "not-run");
        JsonObject executions = await fixture.CallOkAsync("ListExecutions", new JsonObject { ["stateMachineArn"] = arn });
        JsonObject execution = Assert.Single(executions["executions"]!.AsArray())!.AsObject();
        Assert.Equal("ABORTED", execution["status"]!.GetValue<string>());
        JsonObject description = await fixture.CallOkAsync("DescribeExecution", new JsonObject { ["executionArn"] = execution["executionArn"]!.GetValue<string>() });
        Assert.Equal("""{"typed": true}""", description["input"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_redrive_button_of_an_aborted_execution_runs_it_again_from_the_state_it_was_in()
    {
        JsonObject created = await fixture.CallOkAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = "RedriveFromConsole",
            ["roleArn"] = "arn:aws:iam::123456789012:role/r",
            ["definition"] = """{"StartAt":"Before","States":{"Before":{"Type":"Pass","Next":"Hold"},"Hold":{"Type":"Wait","Seconds":600,"Next":"Done"},"Done":{"Type":"Succeed"}}}""",
        });
        JsonObject started = await fixture.CallOkAsync("StartExecution", new JsonObject
        {
            ["stateMachineArn"] = created["stateMachineArn"]!.GetValue<string>(),
            ["input"] = "{}",
        });
        string executionArn = started["executionArn"]!.GetValue<string>();

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await ConsoleBrowser.LaunchAsync(playwright);
        IPage page = await browser.NewPageAsync();
        List<string> consoleErrors = ConsoleBrowser.CollectErrors(page);
        await page.GotoAsync($"{fixture.Endpoint}#/execution/{Uri.EscapeDataString(executionArn)}");
        await Assertions.Expect(page.Locator("g.node[data-state=Hold]")).ToHaveAttributeAsync("data-status", "running");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Redrive" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Button, new() { Name = "Stop execution" }).ClickAsync();
        await Assertions.Expect(ConsoleBrowser.ExecutionStatus(page)).ToHaveTextAsync("ABORTED");

        await page.GetByRole(AriaRole.Button, new() { Name = "Redrive" }).ClickAsync();

        await Assertions.Expect(ConsoleBrowser.ExecutionStatus(page)).ToHaveTextAsync("RUNNING");
        await Assertions.Expect(page.GetByTestId("redrive-count")).ToContainTextAsync("1 time(s)");
        await Assertions.Expect(page.Locator("g.node[data-state=Hold]")).ToHaveAttributeAsync("data-status", "running");
        JsonObject description = await fixture.CallOkAsync("DescribeExecution", new JsonObject { ["executionArn"] = executionArn });
        Assert.Equal("RUNNING", description["status"]!.GetValue<string>());
        Assert.Equal(1, description["redriveCount"]!.GetValue<int>());
        // The redriven run enters Hold again on the engine's threads, shortly after RedriveExecution has answered.
        List<string> types = await fixture.WaitForHistoryAsync(
            executionArn, seen => seen.Contains("ExecutionRedriven") && seen.Count(type => type == "WaitStateEntered") >= 2);
        Assert.Equal(1, types.Count(type => type == "PassStateEntered"));
        Assert.Equal(2, types.Count(type => type == "WaitStateEntered"));
        Assert.Empty(consoleErrors);

        await fixture.CallOkAsync("StopExecution", new JsonObject { ["executionArn"] = executionArn });
    }

    [Fact]
    public async Task A_state_machine_list_that_answers_late_does_not_replace_the_page_opened_meanwhile()
    {
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await ConsoleBrowser.LaunchAsync(playwright);
        IPage page = await browser.NewPageAsync();
        var listRequested = new TaskCompletionSource();
        var releaseList = new TaskCompletionSource();
        await page.RouteAsync("**/*", async route =>
        {
            if (route.Request.Headers.GetValueOrDefault("x-amz-target") == "AWSStepFunctions.ListStateMachines")
            {
                listRequested.TrySetResult();
                await releaseList.Task;
            }

            await route.ContinueAsync();
        });

        // The list page asks for the state machines; the user opens the saga before the answer comes.
        await page.GotoAsync(fixture.Endpoint.ToString());
        await listRequested.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await page.EvaluateAsync("arn => { location.hash = `#/state-machine/${encodeURIComponent(arn)}`; }", fixture.Server.SagaStateMachineArn);
        await Assertions.Expect(page.Locator("#execution-name")).ToBeVisibleAsync();

        IResponse list = await page.RunAndWaitForResponseAsync(
            () => { releaseList.TrySetResult(); return Task.CompletedTask; },
            response => response.Request.Headers.GetValueOrDefault("x-amz-target") == "AWSStepFunctions.ListStateMachines");
        await list.FinishedAsync();
        // Give the page time to handle the late answer; it must leave the state machine page as it is.
        await page.WaitForTimeoutAsync(500);
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("LongLivedTransactionsSaga");
        await Assertions.Expect(page.Locator("#execution-name")).ToBeVisibleAsync();
    }
}
