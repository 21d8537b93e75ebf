using Amazon.CDK.AWS.Lambda;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Cdk.Services;

/// <summary>What a <see cref="SagaService"/> deploys.</summary>
/// <param name="Table">The service's table; each of its functions must own exactly this table.</param>
/// <param name="Functions">The service's functions (a forward step and its compensation), published as one package.</param>
/// <param name="Runtime">The Lambda runtime of the functions.</param>
/// <param name="Code">The service's deployment package, shared by its functions.</param>
public sealed record SagaServiceProps(TableDefinition Table, IReadOnlyList<FunctionDefinition> Functions, Runtime Runtime, Code Code);
