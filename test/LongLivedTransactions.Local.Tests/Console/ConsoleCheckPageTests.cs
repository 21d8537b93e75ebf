using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Tests.Api;
using Microsoft.Playwright;

namespace LongLivedTransactions.Local.Tests.Console;

/// <summary>The console's "Check a state machine" page in headless Chromium, and its <c>POST /console/check</c> call.</summary>
public sealed class ConsoleCheckPageTests(LocalServerFixture fixture) : IClassFixture<LocalServerFixture>
{
    private const string MissingRefundCatch =
        "ProcessRefund has no Catch for ErrProcessRefund: scenario 04 ends FAILED at ProcessRefund instead of going on to sns:NotifyProcessRefundFail";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public async Task A_pasted_definition_without_the_refund_catch_is_explained_and_each_scenario_opens_its_graph()
    {
        var definition = JsonNode.Parse(fixture.ReadRepositoryFile("statemachine/saga.asl.json"))!.AsObject();
        definition["States"]!["ProcessRefund"]!.AsObject().Remove("Catch");
        // A placeholder of the user's own, given a value in the Values field.
        definition["States"]!["UpdateOrderStatus"]!["Parameters"]!["FunctionName"] = "${MyUpdateFunction}";

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await ConsoleBrowser.LaunchAsync(playwright);
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1500, Height = 1100 } });
        List<string> errors = ConsoleBrowser.CollectErrors(page);
        await page.GotoAsync(fixture.Endpoint.ToString());
        await page.ClickAsync("#check-link");
        await page.FillAsync("#check-definition", definition.ToJsonString(Indented));
        await page.FillAsync("#check-values", "${MyUpdateFunction}=UpdateOrder");
        await page.ClickAsync("#run-check");

        await Assertions.Expect(page.GetByTestId("check-summary"))
            .ToHaveTextAsync("6 of 7 scenarios right, and the definition has errors", new() { Timeout = 60_000 });
        ILocator rows = page.Locator("[data-testid=check-scenarios] tbody tr[data-scenario]");
        Assert.Equal(["01", "02", "03", "04", "05", "06", "07"], await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.scenario)"));
        Assert.Equal(
            ["right", "right", "right", "wrong", "right", "right", "right"],
            await rows.Locator("[data-testid=verdict]").AllTextContentsAsync());
        ILocator scenario04 = page.Locator("tr[data-scenario='04']");
        Assert.Equal("ProcessOrder → ProcessPayment → ProcessRefund", await scenario04.GetByTestId("actual-path").TextContentAsync());
        ILocator why = page.Locator("tr[data-why='04']");
        Assert.StartsWith(MissingRefundCatch, await why.GetByTestId("explanation").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("at States.ProcessRefund", await why.GetByTestId("explanation-location").TextContentAsync());
        await Assertions.Expect(page.GetByTestId("definition-errors")).ToContainTextAsync("State \"sns:NotifyProcessRefundFail\" is not reachable.");
        await ConsoleBrowser.ScreenshotAsync(page, fixture.RepositoryRoot, "docs/workshop/check-page.png", fullPage: true);

        // The scenario's execution, on the state machine the check registered: the graph shows where it stopped.
        await scenario04.GetByTestId("scenario-execution").ClickAsync();
        await Assertions.Expect(ConsoleBrowser.ExecutionStatus(page)).ToHaveTextAsync("FAILED");
        Assert.Equal(["ProcessOrder", "ProcessPayment", "ProcessRefund"],
            await page.Locator("[data-testid=path] li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.state)"));
        Assert.Equal("failed", await page.Locator("[data-testid=graph] g.node[data-state=ProcessRefund]").GetAttributeAsync("data-status"));
        await ConsoleBrowser.ScreenshotAsync(page, fixture.RepositoryRoot, "docs/workshop/check-execution.png");

        // Back on the check page, the report is still there.
        await page.GoBackAsync();
        await Assertions.Expect(page.GetByTestId("check-summary")).ToHaveTextAsync("6 of 7 scenarios right, and the definition has errors");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_workshops_last_jsonata_step_uploaded_as_a_file_passes_every_scenario()
    {
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await ConsoleBrowser.LaunchAsync(playwright);
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1500, Height = 1100 } });
        List<string> errors = ConsoleBrowser.CollectErrors(page);
        await page.GotoAsync($"{fixture.Endpoint}#/check");
        await page.SetInputFilesAsync("#check-file", Path.Combine(fixture.RepositoryRoot, "docs", "workshop", "jsonata-step-6.asl.json"));
        await Assertions.Expect(page.Locator("#check-definition")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("\"QueryLanguage\": \"JSONata\""));
        await page.ClickAsync("#run-check");

        await Assertions.Expect(page.GetByTestId("check-summary")).ToHaveTextAsync("7 of 7 scenarios right", new() { Timeout = 60_000 });
        Assert.Equal(Enumerable.Repeat("right", 7), await page.Locator("[data-testid=verdict]").AllTextContentsAsync());
        Assert.Equal(0, await page.GetByTestId("definition-errors").CountAsync());
        Assert.Contains("(JSONata)", await page.Locator("p.sub").Last.TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(errors);
        await ConsoleBrowser.ScreenshotAsync(page, fixture.RepositoryRoot, "docs/workshop/check-passed.png", fullPage: true);
    }

    [Fact]
    public async Task The_check_call_is_guarded_as_the_api_is_and_bad_requests_get_clear_errors()
    {
        using var anonymous = new HttpClient();
        using HttpResponseMessage unsigned = await anonymous.PostAsync(
            new Uri(fixture.Endpoint, "/console/check"), new StringContent("""{"definition": "{}"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, unsigned.StatusCode);
        Assert.Equal("MissingAuthenticationTokenException", (await ReadAsync(unsigned))["__type"]!.GetValue<string>());

        (HttpStatusCode status, JsonObject body) = await PostAsync("{\"definition\": 5}");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("ValidationException", body["__type"]!.GetValue<string>());
        Assert.StartsWith("The request needs a definition", body["message"]!.GetValue<string>(), StringComparison.Ordinal);

        (status, body) = await PostAsync("not json");
        Assert.Equal("SerializationException", body["__type"]!.GetValue<string>());

        (status, body) = await PostAsync("""{"definition": "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Task\",\"Resource\":\"${Nope}\",\"End\":true}}}"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("${Nope} at States.A.Resource", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Known names: NewOrder (or ProcessOrder)", body["message"]!.GetValue<string>(), StringComparison.Ordinal);

        (status, body) = await PostAsync("""{"definition": "{\"StartAt\":\"A\",\"States\":{}}", "values": ["X"]}""");
        Assert.Equal("ValidationException", body["__type"]!.GetValue<string>());
        Assert.Equal("'X' is not NAME=ARN (a function name or ARN, or a topic ARN).", body["message"]!.GetValue<string>());

        (status, body) = await PostAsync("""{"definition": "{\"StartAt\":\"A\",\"States\":{}}", "values": {"X": "NewOrder"}}""");
        Assert.Equal("ValidationException", body["__type"]!.GetValue<string>());

        // A definition that cannot run: its errors, no scenario, no state machine; the server goes on serving.
        (status, body) = await PostAsync("""{"definition": "{oops"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body["stateMachineArn"]);
        Assert.Equal("INVALID_JSON_DESCRIPTION", body["report"]!["definitionErrors"]![0]!["code"]!.GetValue<string>());
        Assert.Empty(body["report"]!["scenarios"]!.AsArray());
        Assert.NotNull(await fixture.CallOkAsync("ListStateMachines", []));
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string body)
    {
        using HttpResponseMessage response = await fixture.Http.PostAsync(
            new Uri(fixture.Endpoint, "/console/check"), new StringContent(body, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await ReadAsync(response));
    }

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
}
