using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using LongLivedTransactions.Local.Tests.Api;
using LongLivedTransactions.Testing;
using Microsoft.Playwright;

namespace LongLivedTransactions.Local.Tests.Security;

/// <summary>
/// A web page of another origin, open in real headless Chromium while <c>up</c> serves, tries what a hostile page would:
/// start an execution, invoke a function, and read the tables through the DynamoDB proxy, both as the SDK sends those
/// calls (custom headers: the browser asks first with a CORS preflight) and as "simple" requests the browser sends
/// without asking. None of them does anything, and the page reads no answer.
/// </summary>
public sealed class CrossOriginBrowserTests(LocalServerFixture fixture) : IClassFixture<LocalServerFixture>
{
    private const string AttemptsScript = """
        async ({ stepFunctions, lambdaInvoke, dynamoDb, startBody, order, scanBody, authorization }) => {
          const attempt = async (url, init) => {
            try {
              const response = await fetch(url, init);
              return { type: response.type, status: response.status, body: await response.text() };
            } catch (error) {
              return { error: String(error) };
            }
          };
          const sdkHeaders = (target) => ({
            'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': target, 'Authorization': authorization });
          return {
            startExecution: await attempt(stepFunctions, {
              method: 'POST', headers: sdkHeaders('AWSStepFunctions.StartExecution'), body: startBody }),
            startExecutionSimple: await attempt(stepFunctions, {
              method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: startBody }),
            invokeSimple: await attempt(lambdaInvoke, {
              method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: order }),
            scan: await attempt(dynamoDb, {
              method: 'POST', headers: sdkHeaders('DynamoDB_20120810.Scan'), body: scanBody }),
            scanSimple: await attempt(dynamoDb, {
              method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: scanBody }),
          };
        }
        """;

    [Fact]
    public async Task A_page_of_another_origin_can_neither_start_an_execution_nor_invoke_a_function_nor_read_the_tables()
    {
        string orderId = SampleOrders.NewId();
        string order = fixture.ReadRepositoryFile("events/07-order-succeeds.json").Replace("47063fe3-56d9-4c51-b91f-71929834ce03", orderId, StringComparison.Ordinal);
        string executionName = "cross-origin-" + Guid.NewGuid().ToString("N")[..8];

        // Another loopback origin (another port), as a page of some other local server would be: the browser's own
        // guard for pages of public sites against private addresses does not apply, so only the endpoint's do.
        await using var hostile = HostilePageServer.Start();
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await HeadlessChromium.LaunchAsync(playwright);
        IPage page = await browser.NewPageAsync();
        var answered = new List<(string Url, int Status)>();
        page.Response += (_, response) =>
        {
            lock (answered)
            {
                answered.Add((response.Url, response.Status));
            }
        };
        await page.GotoAsync(hostile.Page.ToString());

        Uri lambdaInvoke = new(fixture.Endpoint, "2015-03-31/functions/NewOrder/invocations");
        System.Text.Json.JsonElement attempts = await page.EvaluateAsync<System.Text.Json.JsonElement>(AttemptsScript, new
        {
            stepFunctions = fixture.Endpoint.ToString(),
            lambdaInvoke = lambdaInvoke.ToString(),
            dynamoDb = fixture.Server.DynamoDbEndpoint.ToString(),
            startBody = new JsonObject { ["stateMachineArn"] = fixture.Server.SagaStateMachineArn, ["name"] = executionName, ["input"] = order }.ToJsonString(),
            order,
            scanBody = """{"TableName":"Orders"}""",
            authorization = LocalServerFixture.Authorization,
        });
        JsonObject outcome = JsonNode.Parse(attempts.GetRawText())!.AsObject();

        // Calls as the SDK makes them need a CORS preflight, which the server refuses: the browser never sends them.
        Assert.StartsWith("TypeError", outcome["startExecution"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("TypeError", outcome["scan"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);

        // Simple requests reach the server, which refuses them for want of an Authorization header a page cannot add;
        // the page sees an opaque answer or none at all.
        foreach (string simple in new[] { "startExecutionSimple", "invokeSimple" })
        {
            Assert.Equal("opaque", outcome[simple]!["type"]!.GetValue<string>());
            Assert.Equal(0, outcome[simple]!["status"]!.GetValue<int>());
            Assert.Equal(string.Empty, outcome[simple]!["body"]!.GetValue<string>());
        }

        Assert.StartsWith("TypeError", outcome["scanSimple"]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        lock (answered)
        {
            Assert.Contains(answered, a => a.Url == fixture.Endpoint.ToString() && a.Status == 400);
            Assert.Contains(answered, a => a.Url == lambdaInvoke.ToString() && a.Status == 403);
        }

        // Nothing happened on the server: no execution of that name, no order saved by NewOrder.
        var (status, described) = await fixture.CallAsync(
            "DescribeExecution", new JsonObject { ["executionArn"] = fixture.Server.Cloud.Arns.Execution(Workflow.SagaDefinition.StateMachineName, executionName) });
        Assert.Equal(400, status);
        Assert.Equal("ExecutionDoesNotExist", described["__type"]!.GetValue<string>());
        GetItemResponse saved = await fixture.Server.Cloud.DynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = fixture.Server.Cloud.TableNames["Orders"],
            Key = new() { ["order_id"] = new AttributeValue { S = orderId } },
            ConsistentRead = true,
        });
        Assert.False(saved.IsItemSet);
    }

    /// <summary>Serves one harmless-looking page on a free loopback port until disposed.</summary>
    private sealed class HostilePageServer : IAsyncDisposable
    {
        private readonly HttpListener listener;
        private readonly Task serving;

        private HostilePageServer(HttpListener listener, Uri page)
        {
            this.listener = listener;
            Page = page;
            serving = ServeAsync();
        }

        public Uri Page { get; }

        public static HostilePageServer Start()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            int port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            listener.Start();
            return new HostilePageServer(listener, new Uri($"http://127.0.0.1:{port}/prize.html"));
        }

        public async ValueTask DisposeAsync()
        {
            listener.Close();
            await serving;
        }

        private async Task ServeAsync()
        {
            byte[] html = Encoding.UTF8.GetBytes("<!doctype html><title>Win a prize</title>");
            try
            {
                while (true)
                {
                    HttpListenerContext context = await listener.GetContextAsync();
                    context.Response.ContentType = "text/html";
                    await context.Response.OutputStream.WriteAsync(html);
                    context.Response.Close();
                }
            }
            catch (Exception stopped) when (stopped is HttpListenerException or ObjectDisposedException)
            {
                // Disposed: the listener stops serving.
            }
        }
    }
}
