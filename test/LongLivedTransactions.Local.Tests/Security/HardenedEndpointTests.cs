using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using LongLivedTransactions.Core.Identity;
using LongLivedTransactions.Local.Tests.Api;

namespace LongLivedTransactions.Local.Tests.Security;

/// <summary>
/// What the local endpoints refuse (a foreign Host, an API call without an Authorization header, a CORS preflight)
/// and the AWS-shaped answers to malformed requests, over real HTTP against the real server and its DynamoDB proxy.
/// </summary>
public sealed class HardenedEndpointTests(LocalServerFixture fixture) : IClassFixture<LocalServerFixture>
{
    private static readonly HttpClient Plain = new() { Timeout = TimeSpan.FromSeconds(60) };

    [Theory]
    [InlineData("POST", "/")]
    [InlineData("GET", "/")]
    [InlineData("POST", "/2015-03-31/functions/DebitPayment/invocations")]
    public async Task A_request_whose_Host_is_not_a_loopback_name_is_refused(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(fixture.Endpoint, path));
        request.Headers.Host = "attacker.example";
        request.Headers.TryAddWithoutValidation("Authorization", LocalServerFixture.Authorization);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
        if (method == "POST")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.0");
        }

        using HttpResponseMessage response = await Plain.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("loopback", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_DynamoDB_proxy_refuses_a_foreign_Host_and_a_request_without_Authorization()
    {
        Uri proxy = fixture.Server.DynamoDbEndpoint;
        Assert.NotEqual(fixture.Server.Cloud.DynamoDbEndpoint, proxy);

        using var foreign = DynamoDbRequest(proxy, "ListTables", "{}", signed: true);
        foreign.Headers.Host = $"rebound.example:{proxy.Port}";
        using HttpResponseMessage refusedHost = await Plain.SendAsync(foreign);
        Assert.Equal(HttpStatusCode.Forbidden, refusedHost.StatusCode);

        using var unsigned = DynamoDbRequest(proxy, "ListTables", "{}", signed: false);
        using HttpResponseMessage refusedUnsigned = await Plain.SendAsync(unsigned);
        Assert.Equal(HttpStatusCode.BadRequest, refusedUnsigned.StatusCode);
        Assert.Equal(
            "com.amazon.coral.service#MissingAuthenticationTokenException",
            JsonNode.Parse(await refusedUnsigned.Content.ReadAsStringAsync())!["__type"]!.GetValue<string>());

        using var signed = DynamoDbRequest(proxy, "ListTables", "{}", signed: true);
        signed.Headers.TryAddWithoutValidation("Origin", "http://attacker.example");
        using HttpResponseMessage served = await Plain.SendAsync(signed);
        string listed = await served.Content.ReadAsStringAsync();
        Assert.True(served.StatusCode == HttpStatusCode.OK, listed);
        Assert.Contains("Payments", listed, StringComparison.Ordinal);
        Assert.DoesNotContain(served.Headers, header => header.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_CORS_preflight_is_refused_by_the_API_and_by_the_DynamoDB_proxy()
    {
        foreach (Uri target in new[] { fixture.Endpoint, new Uri(fixture.Endpoint, "/2015-03-31/functions/DebitPayment/invocations"), fixture.Server.DynamoDbEndpoint })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, target);
            preflight.Headers.TryAddWithoutValidation("Origin", "http://attacker.example");
            preflight.Headers.TryAddWithoutValidation("Access-Control-Request-Method", "POST");
            preflight.Headers.TryAddWithoutValidation("Access-Control-Request-Headers", "authorization, content-type, x-amz-target");
            using HttpResponseMessage response = await Plain.SendAsync(preflight);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"), target.ToString());
        }
    }

    [Fact]
    public async Task A_Lambda_invoke_without_Authorization_is_refused_and_writes_nothing()
    {
        string orderId = "47063fe3-56d9-4c51-b91f-71929834cf01";
        string order = fixture.ReadRepositoryFile("events/07-order-succeeds.json").Replace("47063fe3-56d9-4c51-b91f-71929834ce03", orderId, StringComparison.Ordinal);

        // What a page's no-cors fetch can send: a text/plain POST without an Authorization header.
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Endpoint, "/2015-03-31/functions/DebitPayment/invocations"))
        {
            Content = new StringContent(order, Encoding.UTF8, "text/plain"),
        };
        using HttpResponseMessage response = await Plain.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("MissingAuthenticationTokenException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        GetItemResponse debit = await fixture.Server.Cloud.DynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = "Payments",
            Key = new() { ["transaction_id"] = new AttributeValue { S = TransactionIds.For(orderId, "Debit") } },
            ConsistentRead = true,
        });
        Assert.False(debit.IsItemSet);
    }

    [Fact]
    public async Task A_Step_Functions_call_without_Authorization_is_refused_in_the_JSON_error_shape()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Endpoint) { Content = new StringContent("{}", Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
        using HttpResponseMessage response = await Plain.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonObject error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("MissingAuthenticationTokenException", error["__type"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_console_sends_a_content_security_policy_and_refuses_framing()
    {
        using HttpResponseMessage page = await Plain.GetAsync(fixture.Endpoint);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        string policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task A_body_that_is_not_UTF8_is_a_400_SerializationException_and_the_Lambda_API_answers_InvalidRequestContent()
    {
        byte[] invalid = [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}'];
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Endpoint) { Content = new ByteArrayContent(invalid) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions.ListStateMachines");
        using HttpResponseMessage response = await fixture.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("SerializationException", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["__type"]!.GetValue<string>());

        using var invoke = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Endpoint, "/2015-03-31/functions/NewOrder/invocations")) { Content = new ByteArrayContent(invalid) };
        using HttpResponseMessage invoked = await fixture.Http.SendAsync(invoke);
        Assert.Equal(HttpStatusCode.BadRequest, invoked.StatusCode);
        Assert.Equal("InvalidRequestContentException", invoked.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task A_9_MB_body_is_refused_as_too_large_by_both_APIs()
    {
        string body = "{\"input\":\"" + new string('x', 9 * 1024 * 1024) + "\"}";
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", "AWSStepFunctions.StartExecution");
        using HttpResponseMessage response = await fixture.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("RequestEntityTooLarge", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["__type"]!.GetValue<string>());

        using var invoke = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Endpoint, "/2015-03-31/functions/NewOrder/invocations")) { Content = new StringContent(body, Encoding.UTF8) };
        using HttpResponseMessage invoked = await fixture.Http.SendAsync(invoke);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, invoked.StatusCode);
        Assert.Equal("RequestTooLargeException", invoked.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Theory]
    [InlineData("NewOrder:nope", "")]
    [InlineData("NewOrder", "?Qualifier=7")]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:NewOrder", "")]
    [InlineData("arn:aws:lambda:us-east-1:999999999999:function:NewOrder", "")]
    public async Task An_unknown_qualifier_or_another_region_or_account_is_ResourceNotFound(string function, string query)
    {
        using var invoke = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Endpoint, $"/2015-03-31/functions/{Uri.EscapeDataString(function)}/invocations{query}"))
        {
            Content = new StringContent(fixture.ReadRepositoryFile("events/07-order-succeeds.json"), Encoding.UTF8),
        };
        using HttpResponseMessage response = await fixture.Http.SendAsync(invoke);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("ResourceNotFoundException", response.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Theory]
    [InlineData("NewOrder:$LATEST")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:NewOrder:$LATEST")]
    public async Task The_LATEST_qualifier_runs_the_function_and_its_JSON_comes_back_as_written(string function)
    {
        string order = fixture.ReadRepositoryFile("events/07-order-succeeds.json").Replace("47063fe3-56d9-4c51-b91f-71929834ce03", "47063fe3-56d9-4c51-b91f-71929834cf02", StringComparison.Ordinal);
        using var invoke = new HttpRequestMessage(HttpMethod.Post, new Uri(fixture.Endpoint, $"/2015-03-31/functions/{Uri.EscapeDataString(function)}/invocations"))
        {
            Content = new StringContent(order, Encoding.UTF8),
        };
        using HttpResponseMessage response = await fixture.Http.SendAsync(invoke);
        string text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("+01:00", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u002B", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_logging_level_outside_the_enum_is_a_ValidationException_and_creates_nothing()
    {
        var (status, error) = await fixture.CallAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = "BogusLogging",
            ["roleArn"] = "arn:aws:iam::123456789012:role/r",
            ["definition"] = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""",
            ["loggingConfiguration"] = new JsonObject { ["level"] = "BOGUS" },
        });
        Assert.Equal(400, status);
        Assert.Equal("ValidationException", error["__type"]!.GetValue<string>());
        Assert.Contains("loggingConfiguration.level", error["message"]!.GetValue<string>(), StringComparison.Ordinal);

        JsonObject machines = await fixture.CallOkAsync("ListStateMachines", []);
        Assert.DoesNotContain(machines["stateMachines"]!.AsArray(), m => m!["name"]!.GetValue<string>() == "BogusLogging");
    }

    private static HttpRequestMessage DynamoDbRequest(Uri endpoint, string operation, string body, bool signed)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"DynamoDB_20120810.{operation}");
        if (signed)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=00");
            request.Headers.TryAddWithoutValidation("X-Amz-Date", "20260101T000000Z");
        }

        return request;
    }
}
