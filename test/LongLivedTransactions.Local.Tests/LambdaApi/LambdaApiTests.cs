using System.Text;
using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Tests.Api;

namespace LongLivedTransactions.Local.Tests.LambdaApi;

/// <summary>The Lambda REST subset (Invoke, ListFunctions) over HTTP, as the SDKs send it.</summary>
public sealed class LambdaApiTests(LocalServerFixture fixture) : IClassFixture<LocalServerFixture>
{
    [Fact]
    public async Task Invoke_returns_the_function_result_or_its_error_payload_with_the_function_error_header()
    {
        string order = fixture.ReadRepositoryFile("events/07-order-succeeds.json").Replace("47063fe3", "47063fe6", StringComparison.Ordinal);
        using HttpResponseMessage ok = await InvokeAsync("NewOrder", order);
        Assert.Equal(200, (int)ok.StatusCode);
        Assert.False(ok.Headers.Contains("X-Amz-Function-Error"));
        Assert.Equal("$LATEST", ok.Headers.GetValues("X-Amz-Executed-Version").Single());
        Assert.Equal("New", JsonNode.Parse(await ok.Content.ReadAsStringAsync())!["order_status"]!.GetValue<string>());

        using HttpResponseMessage failed = await InvokeAsync(
            "arn:aws:lambda:us-east-1:123456789012:function:NewOrder", fixture.ReadRepositoryFile("events/01-process-order-fails.json"));
        Assert.Equal(200, (int)failed.StatusCode);
        Assert.Equal("Unhandled", failed.Headers.GetValues("X-Amz-Function-Error").Single());
        Assert.Equal("ErrProcessOrder", JsonNode.Parse(await failed.Content.ReadAsStringAsync())!["errorType"]!.GetValue<string>());
    }

    [Fact]
    public async Task Invoke_answers_lambda_errors_for_an_unknown_function_and_a_payload_that_is_not_json()
    {
        using HttpResponseMessage missing = await InvokeAsync("NoSuchFunction", "{}");
        Assert.Equal(404, (int)missing.StatusCode);
        Assert.Equal("ResourceNotFoundException", missing.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Contains("function:NoSuchFunction", JsonNode.Parse(await missing.Content.ReadAsStringAsync())!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        using HttpResponseMessage notJson = await InvokeAsync("NewOrder", "{oops");
        Assert.Equal(400, (int)notJson.StatusCode);
        Assert.Equal("InvalidRequestContentException", notJson.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [Fact]
    public async Task List_functions_names_the_six_functions_with_their_arns()
    {
        JsonObject list = JsonNode.Parse(await fixture.Http.GetStringAsync(new Uri(fixture.Endpoint, "/2015-03-31/functions/")))!.AsObject();
        var functions = list["Functions"]!.AsArray().Select(f => f!.AsObject()).ToList();
        Assert.Equal(6, functions.Count);
        Assert.All(functions, f => Assert.Equal(
            fixture.Server.Cloud.Arns.Function(f["FunctionName"]!.GetValue<string>()), f["FunctionArn"]!.GetValue<string>()));
    }

    private async Task<HttpResponseMessage> InvokeAsync(string function, string payload)
    {
        using var content = new StringContent(payload, Encoding.UTF8, "application/json");
        return await fixture.Http.PostAsync(new Uri(fixture.Endpoint, $"/2015-03-31/functions/{Uri.EscapeDataString(function)}/invocations"), content);
    }
}
