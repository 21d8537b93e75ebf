using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.Core.Functions;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Core.Tests;

public sealed class OrderStreamHandlerTests : IDisposable
{
    private readonly StringWriter logWriter = new();
    private readonly OrderStreamHandler handler;

    public OrderStreamHandlerTests()
    {
        handler = new OrderStreamHandler("TestFunction", message => new FormatException(message), new FunctionLog(logWriter, TimeProvider.System));
    }

    public void Dispose() => logWriter.Dispose();

    private static MemoryStream Json(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Fields_added_by_the_state_machine_pass_through_and_the_result_is_logged()
    {
        const string input = """{"order_id":"47063fe3-56d9-4c51-b91f-71929834ce03","items":[{"item_id":"a","qty":1,"unit_price":2}],"error":{"Error":"E","Cause":"c"}}""";

        Stream output = await handler.HandleAsync(Json(input), (order, _) => Task.FromResult(order with { OrderStatus = "New" }));

        JsonNode result = (await JsonNode.ParseAsync(output))!;
        Assert.Equal("New", result["order_status"]!.GetValue<string>());
        Assert.Equal("E", result["error"]!["Error"]!.GetValue<string>());
        JsonNode log = JsonNode.Parse(logWriter.ToString().Trim())!;
        Assert.Equal("TestFunction", log["function"]!.GetValue<string>());
        Assert.Equal("47063fe3-56d9-4c51-b91f-71929834ce03", log["order_id"]!.GetValue<string>());
        Assert.Equal("succeeded", log["outcome"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{not json", "the input")]
    [InlineData("""{"order_id":"x","items":[{"item_id":"a","qty":"many"}]}""", "$.items[0].qty")]
    [InlineData("null", "null")]
    [InlineData("[]", "the input")]
    public async Task Malformed_input_raises_the_functions_own_error_and_process_is_not_called(string input, string expectedInMessage)
    {
        bool called = false;
        var error = await Assert.ThrowsAsync<FormatException>(() => handler.HandleAsync(Json(input), (order, _) =>
        {
            called = true;
            return Task.FromResult(order);
        }));

        Assert.False(called);
        Assert.Contains(expectedInMessage, error.Message, StringComparison.Ordinal);
        JsonNode log = JsonNode.Parse(logWriter.ToString().Trim())!;
        Assert.Equal("failed", log["outcome"]!.GetValue<string>());
        Assert.Equal("FormatException", log["error_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Errors_from_the_typed_core_propagate_unchanged()
    {
        var thrown = new InvalidOperationException("boom");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => handler.HandleAsync(
            Json("""{"order_id":"47063fe3-56d9-4c51-b91f-71929834ce03"}"""),
            (_, _) => Task.FromException<Order>(thrown)));
        Assert.Same(thrown, error);
        Assert.Contains("47063fe3-56d9-4c51-b91f-71929834ce03", logWriter.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_order_serializes_with_the_snake_case_names_of_the_scenario_files()
    {
        var order = new Order { OrderId = "o", OrderDate = "d", CustomerId = "c", OrderStatus = "New", Items = [new OrderItem { ItemId = "i", Quantity = 1, Description = "x", UnitPrice = 2 }] };
        string json = JsonSerializer.Serialize(order, LongLivedTransactions.Core.Json.SagaJsonContext.Default.Order);
        Assert.Equal("""{"order_id":"o","order_date":"d","customer_id":"c","order_status":"New","items":[{"item_id":"i","qty":1,"description":"x","unit_price":2}]}""", json);
    }
}
