namespace LongLivedTransactions.Core.Topology;

/// <summary>
/// The two flavours of the saga's definition: the same states, paths and records, written in the two query languages
/// of Amazon States Language.
/// </summary>
public enum SagaQueryLanguage
{
    /// <summary><c>statemachine/saga.asl.json</c>: InputPath/Parameters/ResultPath/OutputPath, the error kept at <c>$.error</c>.</summary>
    JsonPath,

    /// <summary><c>statemachine/saga.jsonata.asl.json</c>: Arguments/Output/Assign, the order and the error kept in variables.</summary>
    Jsonata,
}
