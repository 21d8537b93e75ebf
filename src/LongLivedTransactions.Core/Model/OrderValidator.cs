namespace LongLivedTransactions.Core.Model;

/// <summary>Checks an order before any function writes anything, and names the first field that is wrong.</summary>
public static class OrderValidator
{
    /// <summary>Returns null when the order is valid, otherwise a message naming the offending field.</summary>
    public static string? FindProblem(Order? order)
    {
        if (order is null)
        {
            return "The input is not an order object.";
        }

        if (string.IsNullOrWhiteSpace(order.OrderId))
        {
            return "Field 'order_id' is missing or empty.";
        }

        if (!Guid.TryParseExact(order.OrderId, "D", out _))
        {
            return $"Field 'order_id' must be a UUID, got '{order.OrderId}'.";
        }

        if (order.Items is null || order.Items.Count == 0)
        {
            return "Field 'items' must list at least one item.";
        }

        for (int index = 0; index < order.Items.Count; index++)
        {
            OrderItem? item = order.Items[index];
            if (item is null)
            {
                return $"Field 'items[{index}]' is null.";
            }

            if (string.IsNullOrWhiteSpace(item.ItemId))
            {
                return $"Field 'items[{index}].item_id' is missing or empty.";
            }

            if (item.Quantity <= 0)
            {
                return $"Field 'items[{index}].qty' must be greater than 0, got {item.Quantity}.";
            }

            if (item.UnitPrice < 0)
            {
                return $"Field 'items[{index}].unit_price' must not be negative, got {item.UnitPrice}.";
            }
        }

        return null;
    }

    /// <summary>Throws the calling function's own error when the order is not valid.</summary>
    public static Order EnsureValid(Order? order, Func<string, Exception> createError)
    {
        string? problem = FindProblem(order);
        return problem is null ? order! : throw createError(problem);
    }
}
