using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Local.Functions;

namespace LongLivedTransactions.Local.Checking;

/// <summary>
/// The names people give the saga's six functions and its topic: this project's (<c>NewOrder</c>,
/// <c>${NewOrderFunctionArn}</c>, <c>${SagaTopicArn}</c>), the upstream SAM template's (<c>${NewOrderFunction}</c>,
/// <c>${DebitPaymentFunction}</c>, <c>${CreditPaymentFunction}</c>, <c>${SagaTopic}</c>) and the 2018 template's
/// (<c>${NewOrderFunction.Arn}</c>, <c>${ProcessPaymentFunction.Arn}</c>, <c>${ProcessRefundFunction.Arn}</c>), and
/// deployed function names that contain one of them (<c>sam-app-NewOrderFunction-1A2B3C</c>).
/// </summary>
internal static class SagaFunctionNames
{
    /// <summary>Other names of a function, beside its own; a function named by no entry has only its own.</summary>
    private static readonly Dictionary<string, string[]> OtherNames = new(StringComparer.Ordinal)
    {
        ["NewOrder"] = ["ProcessOrder"],
        ["UpdateOrder"] = ["UpdateOrderStatus"],
        ["DebitPayment"] = ["ProcessPayment"],
        ["RefundPayment"] = ["CreditPayment", "ProcessRefund"],
    };

    private static readonly string[] PlaceholderSuffixes = [".Arn", "Arn", "Name"];

    /// <summary>Every function of the topology with all its names, longest first (so that containment finds the most specific).</summary>
    private static readonly (string Function, string Name)[] AllNames = SagaTopology.Functions
        .SelectMany(f => OtherNames.GetValueOrDefault(f.Name, []).Prepend(f.Name).Select(name => (f.Name, name)))
        .OrderByDescending(entry => entry.name.Length)
        .ToArray();

    /// <summary>What the known placeholders are, for an error about one that is not.</summary>
    public static string KnownPlaceholders =>
        string.Join(", ", SagaTopology.Functions.Select(f => OtherNames.TryGetValue(f.Name, out string[]? others) ? $"{f.Name} (or {string.Join(", ", others)})" : f.Name))
        + ", each as ${Name}, ${NameFunction}, ${NameFunction.Arn} or ${NameFunctionArn}; the topic as ${SagaTopic}, ${SagaTopic.Arn} or ${SagaTopicArn}";

    /// <summary>The function a placeholder stands for (<c>NewOrderFunction.Arn</c> → NewOrder), or null.</summary>
    public static string? FunctionOfPlaceholder(string placeholder)
    {
        ArgumentNullException.ThrowIfNull(placeholder);
        string name = WithoutSuffix(WithoutSuffix(placeholder, PlaceholderSuffixes), ["Function"]);
        return AllNames.FirstOrDefault(entry => string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase)).Function;
    }

    /// <summary>Whether a placeholder stands for the topic: <c>SagaTopic</c>, <c>SagaTopicArn</c>, or any name ending in Topic.</summary>
    public static bool IsTopicPlaceholder(string placeholder)
    {
        ArgumentNullException.ThrowIfNull(placeholder);
        return WithoutSuffix(placeholder, PlaceholderSuffixes).EndsWith("Topic", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// The function a name or ARN refers to: its function name is one of the names above, or contains one
    /// (a deployed <c>arn:aws:lambda:eu-west-1:111122223333:function:sam-app-NewOrderFunction-1A2B3C</c>). Null otherwise.
    /// </summary>
    public static string? FunctionOfReference(string nameOrArn)
    {
        ArgumentNullException.ThrowIfNull(nameOrArn);
        string name = InProcessLambdaHost.NameOf(nameOrArn);
        return AllNames.FirstOrDefault(entry => name.Contains(entry.Name, StringComparison.OrdinalIgnoreCase)).Function;
    }

    private static string WithoutSuffix(string text, string[] suffixes)
    {
        string? suffix = suffixes.FirstOrDefault(s => text.Length > s.Length && text.EndsWith(s, StringComparison.Ordinal));
        return suffix is null ? text : text[..^suffix.Length];
    }
}
