using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Core.Tests;

public class OrderValidatorTests
{
    private static readonly Order Valid = new()
    {
        OrderId = "47063fe3-56d9-4c51-b91f-71929834ce03",
        Items = [new OrderItem { ItemId = "a", Quantity = 2, UnitPrice = 1.5m }, new OrderItem { ItemId = "b", Quantity = 1, UnitPrice = 0.01m }],
    };

    [Fact]
    public void A_complete_order_is_valid_and_totals_quantity_times_price()
    {
        Assert.Null(OrderValidator.FindProblem(Valid));
        Assert.Equal(3.01m, Valid.Total());
    }

    public static TheoryData<string, Order?> InvalidOrders => new()
    {
        { "input", null },
        { "order_id", Valid with { OrderId = null } },
        { "order_id", Valid with { OrderId = " " } },
        { "order_id", Valid with { OrderId = "order-42" } },
        { "items", Valid with { Items = null } },
        { "items", Valid with { Items = [] } },
        { "items[0].item_id", Valid with { Items = [new OrderItem { Quantity = 1, UnitPrice = 1 }] } },
        { "items[1].qty", Valid with { Items = [Valid.Items![0], new OrderItem { ItemId = "b", Quantity = 0, UnitPrice = 1 }] } },
        { "items[0].qty", Valid with { Items = [new OrderItem { ItemId = "a", Quantity = -1, UnitPrice = 1 }] } },
        { "items[0].unit_price", Valid with { Items = [new OrderItem { ItemId = "a", Quantity = 1, UnitPrice = -0.01m }] } },
        { "items[0].unit_price", Valid with { Items = [new OrderItem { ItemId = "a", Quantity = 1 }] } },
        { "items[0].unit_price", Valid with { Items = [new OrderItem { ItemId = "a", Quantity = 1, UnitPrice = 2.999m }] } },
        { "items[0].unit_price", Valid with { Items = [new OrderItem { ItemId = "a", Quantity = 1, UnitPrice = 1_000_000.01m }] } },
        { "items[0].qty", Valid with { Items = [new OrderItem { ItemId = "a", UnitPrice = 1 }] } },
        { "items[0].qty", Valid with { Items = [new OrderItem { ItemId = "a", Quantity = 0.5m, UnitPrice = 1 }] } },
        { "items", Valid with { Items = [new OrderItem { ItemId = "a", Quantity = 1_000_000, UnitPrice = 1_000_000 }] } },
        { "order_date", Valid with { OrderDate = "not a date" } },
    };

    [Theory]
    [MemberData(nameof(InvalidOrders))]
    public void Each_bad_field_is_named_in_the_message(string field, Order? order)
    {
        string? problem = OrderValidator.FindProblem(order);
        Assert.NotNull(problem);
        Assert.Contains(field, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void EnsureValid_throws_the_callers_error()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => OrderValidator.EnsureValid(Valid with { OrderId = "" }, message => new InvalidOperationException(message)));
        Assert.Contains("order_id", error.Message, StringComparison.Ordinal);
    }
}
