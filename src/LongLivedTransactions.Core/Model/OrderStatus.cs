namespace LongLivedTransactions.Core.Model;

/// <summary>Values of <see cref="Order.OrderStatus"/>.</summary>
public static class OrderStatus
{
    public const string New = "New";
    public const string Pending = "Pending";
}

/// <summary>Values of <see cref="Payment.PaymentType"/>.</summary>
public static class PaymentType
{
    public const string Debit = "Debit";
    public const string Credit = "Credit";
}

/// <summary>Values of <see cref="InventoryTransaction.TransactionType"/>.</summary>
public static class InventoryTransactionType
{
    public const string Reserve = "Reserve";
    public const string Release = "Release";
}
