using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Tests.Api;
using LongLivedTransactions.Local.Tests.Console;
using Microsoft.Playwright;

namespace LongLivedTransactions.Local.Tests.Callbacks;

/// <summary>The console's list of tasks waiting for a callback, and its Succeed and Fail buttons, in Chromium.</summary>
public sealed class ConsoleCallbackTests(LocalServerFixture fixture) : IClassFixture<LocalServerFixture>
{
    [Fact]
    public async Task Succeed_on_the_execution_page_and_Fail_on_the_callbacks_page_answer_the_waiting_tasks()
    {
        var (_, approved) = await CallbackDefinitions.StartAsync(fixture, CallbackDefinitions.SqsApproval(), """{ "order": "console-ok" }""");
        var (_, rejected) = await CallbackDefinitions.StartAsync(fixture, CallbackDefinitions.SqsApproval(), """{ "order": "console-no" }""");
        string rejectedToken = await CallbackDefinitions.TokenFromHistoryAsync((operation, body) => fixture.CallOkAsync(operation, body), rejected);

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await ConsoleBrowser.LaunchAsync(playwright);
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1500, Height = 1050 } });
        List<string> consoleErrors = ConsoleBrowser.CollectErrors(page);

        // The execution page shows its waiting task; a bad output is refused with the API's error, a good one succeeds.
        await page.GotoAsync($"{fixture.Endpoint}#/execution/{Uri.EscapeDataString(approved)}");
        ILocator task = page.GetByTestId("execution-callbacks").GetByTestId("callback-task");
        await Assertions.Expect(task).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        Assert.Equal("WaitForApproval", (await task.GetByTestId("callback-state").InnerTextAsync()).Split('\n')[0].Trim());
        await task.GetByTestId("callback-output").FillAsync("not json");
        await task.GetByTestId("callback-succeed").ClickAsync();
        await Assertions.Expect(task.GetByTestId("callback-message")).ToContainTextAsync("InvalidOutput");
        await task.GetByTestId("callback-output").FillAsync("""{ "approvedBy": "console" }""");
        await task.GetByTestId("callback-succeed").ClickAsync();
        await Assertions.Expect(ConsoleBrowser.ExecutionStatus(page)).ToHaveTextAsync("SUCCEEDED", new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("execution-callbacks")).ToBeHiddenAsync();
        JsonObject done = await fixture.WaitForEndAsync(approved);
        Assert.Equal("console", JsonNode.Parse(done["output"]!.GetValue<string>())!["approvedBy"]!.GetValue<string>());

        // The page of its own lists every waiting task; Fail sends the error and cause, which the state catches.
        await page.GotoAsync($"{fixture.Endpoint}#/callbacks");
        ILocator row = page.Locator($"[data-testid=callback-task][data-token='{rejectedToken}']");
        await Assertions.Expect(row).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await row.GetByTestId("callback-error").FillAsync("Rejected");
        await row.GetByTestId("callback-cause").FillAsync("from the console");
        await row.GetByTestId("callback-fail").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        JsonObject failed = await fixture.WaitForEndAsync(rejected);
        JsonNode rejection = JsonNode.Parse(failed["output"]!.GetValue<string>())!["rejection"]!;
        Assert.Equal(("Rejected", "from the console"), (rejection["Error"]!.GetValue<string>(), rejection["Cause"]!.GetValue<string>()));

        // The browser logs the one 400 the refused output got; nothing else went wrong on the page.
        Assert.Contains("400", Assert.Single(consoleErrors), StringComparison.Ordinal);
    }
}
