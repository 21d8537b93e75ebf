namespace LongLivedTransactions.Local;

/// <summary>How to start the local cloud.</summary>
public sealed record LocalCloudOptions
{
    /// <summary>The repository root, where <c>statemachine/</c> and <c>node_modules/</c> are.</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>
    /// The saga definition to run, with <c>${...}</c> placeholders (absolute, or relative to the current folder); null
    /// for the repository's <c>statemachine/saga.asl.json</c>.
    /// </summary>
    public string? SagaDefinitionFile { get; init; }

    /// <summary>Port for the dynalite server this host starts; 0 picks a free loopback port.</summary>
    public int DynamoDbPort { get; init; }

    /// <summary>An existing DynamoDB-compatible endpoint (DynamoDB Local, LocalStack, ...) to use instead of dynalite.</summary>
    public Uri? DynamoDbEndpoint { get; init; }

    public LocalArns Arns { get; init; } = new();

    /// <summary>
    /// Where state machines, executions and histories (<c>state.db</c>) and dynalite's tables (<c>dynamodb/</c>) are
    /// kept across restarts; null keeps everything in memory.
    /// </summary>
    public string? StateDirectory { get; init; }

    /// <summary>Where the functions write their JSON log lines.</summary>
    public TextWriter FunctionLogWriter { get; init; } = TextWriter.Null;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>What Wait states and Retry back-off are multiplied by (<c>--time-scale</c>); 1 waits as written.</summary>
    public double DelayScale { get; init; } = 1;

    /// <summary>How many executions do work at once (<see cref="StatesLanguage.Execution.ExecutionEngine.MaxRunningExecutions"/>); null: no bound.</summary>
    public int? MaxRunningExecutions { get; init; }

    /// <summary>The key that signs task tokens (kept in the state directory); null makes a new one.</summary>
    public byte[]? TaskTokenKey { get; init; }

    /// <summary>Faults to inject into the functions, their DynamoDB requests and SNS publishes; null injects none.</summary>
    public Faults.FaultPlan? Faults { get; init; }
}
