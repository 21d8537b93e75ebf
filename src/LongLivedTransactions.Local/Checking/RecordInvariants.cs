using System.Globalization;
using LongLivedTransactions.Core.Model;
using LongLivedTransactions.Local.Workflow;

namespace LongLivedTransactions.Local.Checking;

/// <summary>The kinds of record a scenario left: the order's status, the payment types and the inventory transaction types.</summary>
internal sealed record RecordTypes(string? OrderStatus, IReadOnlyList<string> Payments, IReadOnlyList<string> Inventory)
{
    public static RecordTypes Of(SagaRecords records)
    {
        ArgumentNullException.ThrowIfNull(records);
        return new RecordTypes(
            records.OrderStatus,
            records.Payments.Select(p => p.PaymentType).ToArray(),
            records.InventoryTransactions.Select(t => t.TransactionType).ToArray());
    }
}

/// <summary>
/// The saga's invariants on what a scenario leaves in the tables. A failed order ends Pending, its payments net to zero
/// and every Reserve has its Release; a succeeded order is New, paid once and reserved once. A scenario whose
/// compensation fails on purpose breaks some of them and announces it: those breaks, read from the scenario's expected
/// records, are not findings.
/// </summary>
internal static class RecordInvariants
{
    public static IReadOnlyList<string> Check(ScenarioExpectation scenario, SagaRecords records)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(records);
        bool succeeded = scenario.Status == "SUCCEEDED";
        var findings = Broken(succeeded, RecordTypes.Of(records)).Except(Broken(succeeded, scenario.Records), StringComparer.Ordinal).ToList();
        findings.AddRange(UnbalancedValues(records));
        return findings;
    }

    private static IEnumerable<string> Broken(bool succeeded, RecordTypes records)
    {
        bool debit = records.Payments.Contains(PaymentType.Debit);
        bool credit = records.Payments.Contains(PaymentType.Credit);
        bool reserve = records.Inventory.Contains(InventoryTransactionType.Reserve);
        bool release = records.Inventory.Contains(InventoryTransactionType.Release);
        if (succeeded)
        {
            if (records.OrderStatus != OrderStatus.New)
            {
                yield return records.OrderStatus is null ? "order not recorded" : $"order left {records.OrderStatus} although the saga succeeded";
            }

            if (!debit)
            {
                yield return "order not paid: no Debit";
            }

            if (credit)
            {
                yield return "payment refunded although the saga succeeded: a Credit beside the Debit";
            }

            if (!reserve)
            {
                yield return "items not reserved: no Reserve";
            }

            if (release)
            {
                yield return "inventory released although the saga succeeded: a Release beside the Reserve";
            }

            yield break;
        }

        if (records.OrderStatus is { } status && status != OrderStatus.Pending)
        {
            yield return $"order not set back to Pending: it is {status}";
        }

        if (debit && !credit)
        {
            yield return "payment not refunded: a Debit without a Credit";
        }

        if (credit && !debit)
        {
            yield return "refund of nothing: a Credit without a Debit";
        }

        if (reserve && !release)
        {
            yield return "inventory not released: a Reserve without a Release";
        }

        if (release && !reserve)
        {
            yield return "release of nothing: a Release without a Reserve";
        }
    }

    /// <summary>A refund must cancel its debit exactly, and a release must give back exactly the reserved items.</summary>
    private static IEnumerable<string> UnbalancedValues(SagaRecords records)
    {
        if (records.Payments.FirstOrDefault(p => p.PaymentType == PaymentType.Debit) is { } debit
            && records.Payments.FirstOrDefault(p => p.PaymentType == PaymentType.Credit) is { } credit
            && debit.PaymentAmount + credit.PaymentAmount != 0)
        {
            yield return $"payments do not net to zero: Debit {Amount(debit)}, Credit {Amount(credit)}";
        }

        if (records.InventoryTransactions.FirstOrDefault(t => t.TransactionType == InventoryTransactionType.Reserve) is { } reserve
            && records.InventoryTransactions.FirstOrDefault(t => t.TransactionType == InventoryTransactionType.Release) is { } release
            && !reserve.Items.Order(StringComparer.Ordinal).SequenceEqual(release.Items.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            yield return $"the Release does not give back the reserved items: Reserve [{string.Join(", ", reserve.Items)}], Release [{string.Join(", ", release.Items)}]";
        }
    }

    private static string Amount(Payment payment) => payment.PaymentAmount.ToString(CultureInfo.InvariantCulture);
}
