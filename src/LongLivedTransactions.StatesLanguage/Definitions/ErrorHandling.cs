namespace LongLivedTransactions.StatesLanguage.Definitions;

/// <summary>The Retry and Catch fields of a Task, Parallel or Map state.</summary>
public sealed class ErrorHandling(IReadOnlyList<Retrier> retriers, IReadOnlyList<Catcher> catchers)
{
    public static ErrorHandling None { get; } = new([], []);

    public IReadOnlyList<Retrier> Retriers { get; } = retriers;

    public IReadOnlyList<Catcher> Catchers { get; } = catchers;
}

/// <summary>One Retry entry.</summary>
public sealed record Retrier(
    IReadOnlyList<string> ErrorEquals,
    double IntervalSeconds,
    int MaxAttempts,
    double BackoffRate,
    int? MaxDelaySeconds,
    JitterStrategy JitterStrategy);

public enum JitterStrategy
{
    None,
    Full,
}

/// <summary>One Catch entry: ResultPath and Assign in JSONPath states, Output and Assign in JSONata states.</summary>
public sealed record Catcher(
    IReadOnlyList<string> ErrorEquals,
    string Next,
    ResultPath ResultPath,
    PayloadTemplate? Assign,
    JsonataTemplate? Output = null,
    JsonataTemplate? JsonataAssign = null);
