namespace LongLivedTransactions.Cdk.Tests.Fixtures;

/// <summary>The stack as `cdk synth` builds it by default (STANDARD workflow), shared by every test class of the group.</summary>
public sealed class StandardSagaStack : IDisposable
{
    public SynthesizedSagaStack Synthesized { get; } = SynthesizedSagaStack.Synthesize();

    public void Dispose() => Synthesized.Dispose();
}

/// <summary>The stack synthesized with <c>-c stateMachineType=EXPRESS</c>.</summary>
public sealed class ExpressSagaStack : IDisposable
{
    public SynthesizedSagaStack Synthesized { get; } = SynthesizedSagaStack.Synthesize(
        new Dictionary<string, object> { [SagaStackSettings.WorkflowTypeContextKey] = "EXPRESS" });

    public void Dispose() => Synthesized.Dispose();
}

/// <summary>The stack synthesized with <c>-c queryLanguage=JSONata</c>.</summary>
public sealed class JsonataSagaStack : IDisposable
{
    public SynthesizedSagaStack Synthesized { get; } = SynthesizedSagaStack.Synthesize(
        new Dictionary<string, object> { [SagaStackSettings.QueryLanguageContextKey] = "JSONata" });

    public void Dispose() => Synthesized.Dispose();
}

/// <summary>
/// Every test that talks to the CDK belongs to this group: the stack is synthesized once, and the tests run one after
/// the other through the single jsii runtime.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SynthesisGroup : ICollectionFixture<StandardSagaStack>
{
    public const string Name = "Synthesized saga stack";
}
