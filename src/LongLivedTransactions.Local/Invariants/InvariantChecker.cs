using System.Globalization;
using LongLivedTransactions.Core.Identity;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Local.Invariants;

/// <summary>One broken invariant, with the order and execution it concerns.</summary>
public sealed record InvariantViolation(string? OrderId, string? ExecutionArn, string Message);

/// <summary>What the checker found: the violations, the executions that never ended, and the outcomes it saw.</summary>
public sealed record InvariantReport(
    IReadOnlyList<InvariantViolation> Violations,
    IReadOnlyList<ExecutionSummary> Lost,
    int Executions,
    int Orders,
    int AnnouncedFailures)
{
    public bool Holds => Violations.Count == 0 && Lost.Count == 0;

    /// <summary>The report's lines: the violations with their order ids, then the lost executions, each list cut at <paramref name="most"/>.</summary>
    public IEnumerable<string> Lines(int most)
    {
        yield return string.Create(CultureInfo.InvariantCulture, $"violations      {Violations.Count}");
        foreach (InvariantViolation violation in Violations.Take(most))
        {
            yield return $"  order {violation.OrderId ?? "(none)"}: {violation.Message} [{violation.ExecutionArn ?? "no execution"}]";
        }

        yield return string.Create(CultureInfo.InvariantCulture, $"lost            {Lost.Count}");
        foreach (ExecutionSummary lost in Lost.Take(most))
        {
            yield return $"  {lost.ExecutionArn} did not end";
        }
    }
}

/// <summary>
/// The saga's invariants over the three tables and every execution, judged per order by its latest execution:
/// <list type="bullet">
/// <item>a succeeded saga leaves its order <c>New</c>, exactly one Debit of the order total and one Reserve, and no
/// Credit or Release;</item>
/// <item>a failed saga leaves its order <c>Pending</c> (or <c>Void</c>, or never saved), its payments netting to zero,
/// and a Release for each Reserve — unless it announced the compensation that failed on the saga topic;</item>
/// <item>no order has two records of one type, and every record has its deterministic id (a Void the id of the step it
/// voided);</item>
/// <item>every record belongs to an order some execution ran for, and every execution that started has ended.</item>
/// </list>
/// </summary>
public static class InvariantChecker
{
    // Each record type and the type whose deterministic id it carries: a Void holds the id of the step it voided.
    private static readonly Dictionary<string, string> PaymentIds = new(StringComparer.Ordinal)
    {
        [PaymentType.Debit] = PaymentType.Debit,
        [PaymentType.Credit] = PaymentType.Credit,
        [PaymentType.Void] = PaymentType.Debit,
    };

    private static readonly Dictionary<string, string> InventoryIds = new(StringComparer.Ordinal)
    {
        [InventoryTransactionType.Reserve] = InventoryTransactionType.Reserve,
        [InventoryTransactionType.Release] = InventoryTransactionType.Release,
        [InventoryTransactionType.Void] = InventoryTransactionType.Reserve,
    };

    public static InvariantReport Check(IReadOnlyCollection<ExecutionSummary> executions, SagaTableSnapshot tables)
    {
        ArgumentNullException.ThrowIfNull(executions);
        ArgumentNullException.ThrowIfNull(tables);
        var violations = new List<InvariantViolation>();
        var lost = executions.Where(e => !e.Ended).ToList();

        var latest = executions.Where(e => e.OrderId is not null)
            .GroupBy(e => e.OrderId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.StartDate).Last(), StringComparer.Ordinal);
        var orders = tables.Orders.GroupBy(o => o.OrderId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var payments = tables.Payments.ToLookup(p => p.OrderId, StringComparer.Ordinal);
        var inventory = tables.Inventory.ToLookup(t => t.OrderId, StringComparer.Ordinal);

        foreach (string orderId in orders.Keys.Concat(payments.Select(g => g.Key)).Concat(inventory.Select(g => g.Key)).Distinct(StringComparer.Ordinal))
        {
            if (!latest.ContainsKey(orderId))
            {
                violations.Add(new(orderId, null, "The tables hold records of this order, but no execution ran for it."));
            }
        }

        int announced = 0;
        foreach ((string orderId, ExecutionSummary execution) in latest)
        {
            if (!execution.Ended)
            {
                continue;
            }

            var order = orders.GetValueOrDefault(orderId);
            var orderPayments = payments[orderId].ToList();
            var orderInventory = inventory[orderId].ToList();
            void Violation(string message) => violations.Add(new(orderId, execution.ExecutionArn, message));

            CheckRecords(orderId, orderPayments, PaymentIds, "Payments", Violation);
            CheckRecords(orderId, orderInventory, InventoryIds, "Inventory", Violation);

            int debits = orderPayments.Count(p => p.Type == PaymentType.Debit);
            int credits = orderPayments.Count(p => p.Type == PaymentType.Credit);
            int reserves = orderInventory.Count(t => t.Type == InventoryTransactionType.Reserve);
            int releases = orderInventory.Count(t => t.Type == InventoryTransactionType.Release);
            decimal net = orderPayments.Sum(p => p.Amount);

            if (execution.Status == "SUCCEEDED")
            {
                if (order?.Status != OrderStatus.New)
                {
                    Violation($"The saga succeeded but the order is {order?.Status ?? "missing"}, not New.");
                }

                if (debits != 1 || credits != 0)
                {
                    Violation($"The saga succeeded but the order has {debits} Debit and {credits} Credit records (expected one Debit, no Credit).");
                }
                else if (order is not null && orderPayments.Single(p => p.Type == PaymentType.Debit).Amount != order.Total)
                {
                    Violation($"The Debit is {orderPayments.Single(p => p.Type == PaymentType.Debit).Amount}, not the order total {order.Total}.");
                }

                if (reserves != 1 || releases != 0)
                {
                    Violation($"The saga succeeded but the order has {reserves} Reserve and {releases} Release records (expected one Reserve, no Release).");
                }

                continue;
            }

            if (execution.AnnouncedFailure is not null)
            {
                // A compensation failed and the saga told the topic so: the records are for a person to repair.
                announced++;
                continue;
            }

            if (order is not null && order.Status is not (OrderStatus.Pending or OrderStatus.Void))
            {
                Violation($"The saga ended {execution.Status} without announcing a failed compensation, but the order is {order.Status}, not Pending or Void.");
            }

            if (net != 0)
            {
                Violation($"The saga ended {execution.Status} without announcing a failed compensation, but its payments net {net} ({debits} Debit, {credits} Credit).");
            }

            if (reserves != releases)
            {
                Violation($"The saga ended {execution.Status} without announcing a failed compensation, but it has {reserves} Reserve and {releases} Release records.");
            }
        }

        return new InvariantReport(violations, lost, executions.Count, latest.Count, announced);
    }

    private static void CheckRecords(
        string orderId, List<SagaTableSnapshot.TransactionRow> records, Dictionary<string, string> idTypes, string table, Action<string> violation)
    {
        foreach (var record in records)
        {
            if (!idTypes.TryGetValue(record.Type, out string? idType))
            {
                violation($"{table} record {record.TransactionId} has the unknown type '{record.Type}'.");
            }
            else if (record.TransactionId != TransactionIds.For(orderId, idType))
            {
                violation($"{table} record {record.TransactionId} ({record.Type}) does not have the order's deterministic id: a duplicate.");
            }
        }

        foreach (var duplicate in records.GroupBy(r => r.Type, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            violation($"{table} holds {duplicate.Count()} {duplicate.Key} records for the order.");
        }
    }
}
