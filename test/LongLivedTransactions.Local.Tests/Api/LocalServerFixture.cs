using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Api;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;

namespace LongLivedTransactions.Local.Tests.Api;

/// <summary>
/// The real <c>up</c> server (dynalite, tables, functions, engine, Kestrel on a free loopback port), shared by the
/// tests of one class. Its mock configuration has one test case, <c>LongLivedTransactionsSaga#ReserveFails</c>.
/// </summary>
public sealed class LocalServerFixture : IAsyncLifetime
{
    public const string MockTestCase = "ReserveFails";

    public const string MockConfigurationJson = """
        {
          "StateMachines": {
            "LongLivedTransactionsSaga": {
              "TestCases": { "ReserveFails": { "ReserveInventory": "ReserveThrows" } }
            }
          },
          "MockedResponses": {
            "ReserveThrows": { "0": { "Throw": { "Error": "ErrReserveInventory", "Cause": "mocked failure" } } }
          }
        }
        """;

    private LocalServer? server;

    public LocalServer Server => server ?? throw new InvalidOperationException("The server has not started.");

    public Uri Endpoint => Server.Endpoint;

    /// <summary>An AWS-style Authorization header, as the AWS CLI and SDKs send (the endpoint does not verify it).</summary>
    public const string Authorization =
        "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=00";

    /// <summary>A client that sends the Authorization header on every request, as an SDK would.</summary>
    public HttpClient Http { get; } = CreateSigningClient();

    public static HttpClient CreateSigningClient()
    {
        var client = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", Authorization);
        return client;
    }

    public string RepositoryRoot { get; } = Local.RepositoryRoot.Find();

    public async Task InitializeAsync()
    {
        server = await LocalServer.StartAsync(
            new LocalCloudOptions { RepositoryRoot = RepositoryRoot },
            port: 0,
            MockConfiguration.Parse(MockConfigurationJson),
            CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>Calls one Step Functions operation as an SDK would, optionally signed for a region.</summary>
    public async Task<(int Status, JsonObject Body)> CallAsync(string operation, JsonObject body, string? region = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"AWSStepFunctions.{operation}");
        if (region is not null)
        {
            request.Headers.TryAddWithoutValidation(
                "Authorization",
                $"AWS4-HMAC-SHA256 Credential=local/20260101/{region}/states/aws4_request, SignedHeaders=host, Signature=00");
        }

        using HttpResponseMessage response = await Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>Calls an operation that must succeed and returns its response.</summary>
    public async Task<JsonObject> CallOkAsync(string operation, JsonObject body, string? region = null)
    {
        var (status, response) = await CallAsync(operation, body, region);
        Assert.True(status == 200, $"{operation} answered {status}: {response.ToJsonString()}");
        return response;
    }

    /// <summary>Polls DescribeExecution until the execution is no longer RUNNING.</summary>
    public async Task<JsonObject> WaitForEndAsync(string executionArn, TimeSpan? timeout = null)
    {
        DateTime deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            JsonObject description = await CallOkAsync("DescribeExecution", new JsonObject { ["executionArn"] = executionArn });
            if (description["status"]!.GetValue<string>() != "RUNNING")
            {
                return description;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{executionArn} still runs after the timeout.");
            await Task.Delay(50);
        }
    }

    /// <summary>Polls GetExecutionHistory until its event types satisfy <paramref name="condition"/>, and returns them.</summary>
    public Task<List<string>> WaitForHistoryAsync(string executionArn, Func<List<string>, bool> condition) =>
        ExecutionHistoryPolling.WaitForAsync((operation, body) => CallOkAsync(operation, body), executionArn, condition);

    public string ReadRepositoryFile(string relativePath) => File.ReadAllText(Path.Combine(RepositoryRoot, relativePath));
}
