using System.Globalization;

namespace LongLivedTransactions.Core.Model;

/// <summary>
/// Checks an order completely before any function writes anything, and names the first field that is wrong:
/// every required field is present with its type, quantities are positive whole numbers, prices are positive
/// amounts with at most two decimal places, and the total fits (computed in <see cref="decimal"/>).
/// </summary>
public static class OrderValidator
{
    /// <summary>The largest quantity of one order line.</summary>
    public const decimal MaxQuantity = 1_000_000m;

    /// <summary>The largest unit price.</summary>
    public const decimal MaxUnitPrice = 1_000_000m;

    /// <summary>The largest order total the payments service debits.</summary>
    public const decimal MaxTotal = 100_000_000m;

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

        if (order.CustomerId is { } customer && string.IsNullOrWhiteSpace(customer))
        {
            return "Field 'customer_id' must not be empty.";
        }

        if (order.OrderDate is { } date
            && !DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            return $"Field 'order_date' must be an ISO 8601 date and time, got '{date}'.";
        }

        if (order.Items is null || order.Items.Count == 0)
        {
            return "Field 'items' must list at least one item.";
        }

        for (int index = 0; index < order.Items.Count; index++)
        {
            if (FindItemProblem(order.Items[index], $"items[{index}]") is { } problem)
            {
                return problem;
            }
        }

        decimal total;
        try
        {
            total = order.Total();
        }
        catch (OverflowException)
        {
            return $"Field 'items' gives a total (qty x unit_price) too large to compute; the maximum is {MaxTotal}.";
        }

        return total > MaxTotal
            ? $"Field 'items' gives a total of {total.ToString(CultureInfo.InvariantCulture)}, more than the maximum of {MaxTotal}."
            : null;
    }

    /// <summary>Throws the calling function's own error when the order is not valid.</summary>
    public static Order EnsureValid(Order? order, Func<string, Exception> createError)
    {
        ArgumentNullException.ThrowIfNull(createError);
        string? problem = FindProblem(order);
        return problem is null ? order! : throw createError(problem);
    }

    private static string? FindItemProblem(OrderItem? item, string field)
    {
        if (item is null)
        {
            return $"Field '{field}' is null.";
        }

        if (string.IsNullOrWhiteSpace(item.ItemId))
        {
            return $"Field '{field}.item_id' is missing or empty.";
        }

        if (item.Quantity is not { } quantity)
        {
            return $"Field '{field}.qty' is missing.";
        }

        if (quantity <= 0 || quantity != decimal.Truncate(quantity) || quantity > MaxQuantity)
        {
            return $"Field '{field}.qty' must be a whole number from 1 to {MaxQuantity}, got {quantity.ToString(CultureInfo.InvariantCulture)}.";
        }

        if (item.UnitPrice is not { } price)
        {
            return $"Field '{field}.unit_price' is missing.";
        }

        if (price <= 0 || price > MaxUnitPrice)
        {
            return $"Field '{field}.unit_price' must be greater than 0 and at most {MaxUnitPrice}, got {price.ToString(CultureInfo.InvariantCulture)}.";
        }

        return decimal.Round(price, 2) != price
            ? $"Field '{field}.unit_price' must have at most two decimal places, got {price.ToString(CultureInfo.InvariantCulture)}."
            : null;
    }
}
