using System.Text;
using LongLivedTransactions.Core.Model;
using Xunit;

namespace LongLivedTransactions.Testing;

/// <summary>Orders for tests. Ids start with a chosen prefix because the prefix decides which saga step fails.</summary>
public static class SampleOrders
{
    /// <summary>
    /// A fresh order id that starts with <paramref name="prefix"/> (default: a prefix no step fails on) followed by
    /// a '0', so that a one-character prefix such as "3" never turns into the longer failure prefix "33" by chance.
    /// </summary>
    public static string NewId(string prefix = "4")
    {
        string id = Guid.NewGuid().ToString();
        return prefix + "0" + id[(prefix.Length + 1)..];
    }

    public static Order Create(string? orderId = null) => new()
    {
        OrderId = orderId ?? NewId(),
        OrderDate = "2026-11-26T10:00:00.000+01:00",
        CustomerId = "7f1d1a33-9c55-4a3f-8f0e-4a4f2f8d5a01",
        Items =
        [
            new OrderItem { ItemId = "item-1", Quantity = 2, Description = "Socks", UnitPrice = 4.25m },
            new OrderItem { ItemId = "item-2", Quantity = 1, Description = "Shoes", UnitPrice = 90m },
        ],
    };

    /// <summary>Total of <see cref="Create"/>: 2 x 4.25 + 1 x 90.</summary>
    public const decimal Total = 98.5m;

    /// <summary>Each kind of bad input a function must refuse, with the field its message must name.</summary>
    public static TheoryData<string, Order> Invalid()
    {
        Order valid = Create();
        return new TheoryData<string, Order>
        {
            { "order_id", valid with { OrderId = null } },
            { "order_id", valid with { OrderId = "" } },
            { "order_id", valid with { OrderId = "not-a-uuid" } },
            { "items", valid with { Items = null } },
            { "items", valid with { Items = [] } },
            { "qty", valid with { Items = [valid.Items![0] with { Quantity = 0 }] } },
            { "qty", valid with { Items = [valid.Items![0] with { Quantity = -3 }] } },
            { "unit_price", valid with { Items = [valid.Items![0] with { UnitPrice = -1 }] } },
            { "unit_price", valid with { Items = [valid.Items![0] with { UnitPrice = null }] } },
            { "unit_price", valid with { Items = [valid.Items![0] with { UnitPrice = 0 }] } },
            { "unit_price", valid with { Items = [valid.Items![0] with { UnitPrice = 1.005m }] } },
            { "qty", valid with { Items = [valid.Items![0] with { Quantity = null }] } },
            { "qty", valid with { Items = [valid.Items![0] with { Quantity = 0.5m }] } },
            { "items", valid with { Items = [valid.Items![0] with { Quantity = 1_000_000, UnitPrice = 1_000_000 }] } },
            { "order_date", valid with { OrderDate = "yesterday" } },
            { "customer_id", valid with { CustomerId = " " } },
        };
    }

    public static MemoryStream AsStream(string json) => new(Encoding.UTF8.GetBytes(json));
}
