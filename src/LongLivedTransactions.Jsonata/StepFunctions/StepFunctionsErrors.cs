namespace LongLivedTransactions.Jsonata.StepFunctions;

/// <summary>
/// Error codes of the Step Functions functions. AWS reports these failures as States.QueryEvaluationError
/// without a public JSONata code, so the codes are this library's own, outside the range jsonata-js uses.
/// </summary>
public static class StepFunctionsErrors
{
    /// <summary><c>$partition</c> with a size below 1.</summary>
    public const string PartitionSize = "D3200";

    /// <summary><c>$hash</c> with an algorithm other than MD5, SHA-1, SHA-256, SHA-384 and SHA-512.</summary>
    public const string HashAlgorithm = "D3201";

    /// <summary><c>$parse</c> of a string that is not JSON.</summary>
    public const string ParseInvalidJson = "D3202";
}
