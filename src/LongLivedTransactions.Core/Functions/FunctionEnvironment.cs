using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Core.Functions;

/// <summary>Reads the configuration Lambda gives a saga function through its environment.</summary>
public static class FunctionEnvironment
{
    public static string TableName() =>
        Environment.GetEnvironmentVariable(SagaTopology.TableNameVariable) is { Length: > 0 } name
            ? name
            : throw new InvalidOperationException($"The environment variable {SagaTopology.TableNameVariable} is not set.");
}
