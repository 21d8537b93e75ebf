using System.Collections.Concurrent;

namespace LongLivedTransactions.Local.Faults;

/// <summary>The kinds of fault the local cloud injects, as counted in reports.</summary>
public enum FaultKind
{
    LambdaServiceException,
    LambdaTooManyRequests,
    WriteThenFail,
    FunctionTimeout,
    DynamoDbThrottle,
    SnsPublishFailure,
}

/// <summary>
/// Draws the faults of a <see cref="FaultPlan"/> from one random sequence seeded by the plan, and counts what it
/// injected. Thread-safe; with one execution at a time the same seed injects the same faults in the same places.
/// </summary>
public sealed class FaultInjector(FaultPlan plan)
{
    private readonly Random random = new(plan.Seed);
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<FaultKind, int> counts = new();

    public FaultPlan Plan { get; } = plan;

    /// <summary>How many faults of each kind were injected so far.</summary>
    public IReadOnlyDictionary<FaultKind, int> Counts => counts.ToDictionary(pair => pair.Key, pair => pair.Value);

    public int Total => counts.Values.Sum();

    /// <summary>The fault for one invocation of <paramref name="functionName"/>, or null for a normal invocation.</summary>
    public FaultKind? NextLambdaFault(string functionName)
    {
        LambdaFaultRates rates = Plan.RatesFor(functionName);
        double draw = Next();
        FaultKind? fault = draw switch
        {
            _ when draw < rates.ServiceException => FaultKind.LambdaServiceException,
            _ when draw < rates.ServiceException + rates.TooManyRequests => FaultKind.LambdaTooManyRequests,
            _ when draw < rates.ServiceException + rates.TooManyRequests + rates.WriteThenFail => FaultKind.WriteThenFail,
            _ when draw < rates.Total => FaultKind.FunctionTimeout,
            _ => null,
        };
        return Count(fault);
    }

    public bool NextDynamoDbThrottle() => Count(Next() < Plan.DynamoDbThrottle ? FaultKind.DynamoDbThrottle : null) is not null;

    public bool NextSnsFailure() => Count(Next() < Plan.SnsPublish ? FaultKind.SnsPublishFailure : null) is not null;

    private double Next()
    {
        lock (gate)
        {
            return random.NextDouble();
        }
    }

    private FaultKind? Count(FaultKind? fault)
    {
        if (fault is { } kind)
        {
            counts.AddOrUpdate(kind, 1, (_, count) => count + 1);
        }

        return fault;
    }
}
