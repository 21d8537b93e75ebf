using System.Globalization;
using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;

namespace LongLivedTransactions.Local.Faults;

/// <summary>
/// Puts the Lambda faults of a <see cref="FaultInjector"/> in front of the in-process functions, as the state machine
/// sees them: a service error or throttle before the function runs, a failure after the function committed its write
/// (the retry must be idempotent), or a function that hangs before its write until Lambda stops it.
/// </summary>
public sealed class FaultInjectingLambdaHost(ILambdaFunctionHost inner, FaultInjector faults, TimeProvider timeProvider) : ILambdaFunctionHost
{
    /// <summary>The functions' timeout in the deployed stack; a hung function is stopped after it.</summary>
    public static readonly TimeSpan FunctionTimeout = TimeSpan.FromSeconds(15);

    public async Task<LambdaInvocationResult> InvokeAsync(string functionName, string payloadJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(functionName);
        string name = Functions.InProcessLambdaHost.NameOf(functionName);
        switch (faults.NextLambdaFault(name))
        {
            case FaultKind.LambdaServiceException:
                throw ServiceException(name);
            case FaultKind.LambdaTooManyRequests:
                throw new TaskFailedException(
                    "Lambda.TooManyRequestsException",
                    $"Rate Exceeded. (Service: AWSLambda; Status Code: 429; Error Code: TooManyRequestsException; Request ID: {Guid.NewGuid()}; Proxy: null)");
            case FaultKind.WriteThenFail:
                await inner.InvokeAsync(functionName, payloadJson, cancellationToken).ConfigureAwait(false);
                throw ServiceException(name);
            case FaultKind.FunctionTimeout:
                await Task.Delay(FunctionTimeout, timeProvider, cancellationToken).ConfigureAwait(false);
                var error = new JsonObject
                {
                    ["errorType"] = "Sandbox.Timedout",
                    ["errorMessage"] = string.Create(CultureInfo.InvariantCulture, $"Task timed out after {FunctionTimeout.TotalSeconds:0.00} seconds"),
                };
                return new LambdaInvocationResult(200, error.ToJsonString(), "Unhandled", "$LATEST");
            default:
                return await inner.InvokeAsync(functionName, payloadJson, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TaskFailedException ServiceException(string name) =>
        new(
            "Lambda.ServiceException",
            $"An error occurred (ServiceException) when calling the Invoke operation on {name} (Service: AWSLambda; Status Code: 500; Error Code: ServiceException; Request ID: {Guid.NewGuid()}; Proxy: null)");
}
