namespace LongLivedTransactions.Jsonata;

/// <summary>Which flavour of JSONata 2.0.6 an expression is compiled for.</summary>
public enum JsonataDialect
{
    /// <summary>JSONata 2.0.6 as jsonata-js implements it.</summary>
    Standard,

    /// <summary>
    /// JSONata as AWS Step Functions runs it: no <c>$eval</c>, and AWS's limits on sequence size and
    /// expression depth. The Step Functions functions (<c>$partition</c>, <c>$hash</c>, ...) are a separate
    /// <see cref="Functions.FunctionLibrary"/> the host adds.
    /// </summary>
    StepFunctions,
}
