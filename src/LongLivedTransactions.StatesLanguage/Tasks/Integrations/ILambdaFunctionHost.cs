namespace LongLivedTransactions.StatesLanguage.Tasks.Integrations;

/// <summary>Invokes a Lambda function (in process, or anywhere else) the way the Lambda Invoke API does.</summary>
public interface ILambdaFunctionHost
{
    /// <param name="functionName">A function name, a function ARN, or a partial ARN, as Invoke accepts them.</param>
    Task<LambdaInvocationResult> InvokeAsync(string functionName, string payloadJson, CancellationToken cancellationToken);
}

/// <summary>The Invoke response: status code, payload text, X-Amz-Function-Error ("Unhandled"/"Handled") and version.</summary>
public sealed record LambdaInvocationResult(int StatusCode, string PayloadJson, string? FunctionError, string ExecutedVersion);
