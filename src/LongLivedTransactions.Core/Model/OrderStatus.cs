namespace LongLivedTransactions.Core.Model;

/// <summary>Values of <see cref="Order.OrderStatus"/>.</summary>
public static class OrderStatus
{
    public const string New = "New";
    public const string Pending = "Pending";

    /// <summary>
    /// A tombstone: the compensation ran before the order was saved, so it left this in the order's place, and
    /// <c>NewOrder</c> refuses to save the order over it (a late attempt that outlived its state's timeout).
    /// </summary>
    public const string Void = "Void";
}

/// <summary>Values of <see cref="Payment.PaymentType"/>.</summary>
public static class PaymentType
{
    public const string Debit = "Debit";
    public const string Credit = "Credit";

    /// <summary>
    /// A tombstone under the Debit's id: the refund ran before the debit was saved, and <c>DebitPayment</c> refuses to
    /// save the debit over it.
    /// </summary>
    public const string Void = "Void";
}

/// <summary>Values of <see cref="InventoryTransaction.TransactionType"/>.</summary>
public static class InventoryTransactionType
{
    public const string Reserve = "Reserve";
    public const string Release = "Release";

    /// <summary>
    /// A tombstone under the Reserve's id: the release ran before the reservation was saved, and
    /// <c>ReserveInventory</c> refuses to save the reservation over it.
    /// </summary>
    public const string Void = "Void";
}
