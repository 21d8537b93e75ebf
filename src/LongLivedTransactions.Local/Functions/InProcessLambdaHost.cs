using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LongLivedTransactions.Core.Functions;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;

namespace LongLivedTransactions.Local.Functions;

/// <summary>
/// Invokes the saga functions in this process the way the Lambda Invoke API does: the payload goes to the Stream
/// handler, and an unhandled exception becomes a function error whose payload is
/// <c>{"errorMessage","errorType","stackTrace"}</c>, with the exception's type name as the error type.
/// </summary>
public sealed class InProcessLambdaHost(IReadOnlyDictionary<string, ISagaFunction> functions) : ILambdaFunctionHost
{
    private const string ExecutedVersion = "$LATEST";

    public IEnumerable<string> FunctionNames => functions.Keys;

    public async Task<LambdaInvocationResult> InvokeAsync(string functionName, string payloadJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(functionName);
        string name = NameOf(functionName);
        if (!functions.TryGetValue(name, out ISagaFunction? function))
        {
            throw new TaskFailedException(
                "Lambda.ResourceNotFoundException",
                $"Function not found: {functionName} (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException)");
        }

        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await using Stream output = await function.HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(payloadJson))).ConfigureAwait(false);
            using var reader = new StreamReader(output, Encoding.UTF8);
            string payload = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            return new LambdaInvocationResult(200, payload, FunctionError: null, ExecutedVersion);
        }
#pragma warning disable CA1031 // Every exception of a function is reported to the caller, as Lambda does.
        catch (Exception error)
#pragma warning restore CA1031
        {
            return new LambdaInvocationResult(200, ErrorPayload(error), FunctionError: "Unhandled", ExecutedVersion);
        }
    }

    /// <summary>Accepts a name, <c>name:qualifier</c>, a full ARN or a partial ARN, as Invoke does.</summary>
    public static string NameOf(string functionName)
    {
        string[] parts = functionName.Split(':');
        int functionIndex = Array.IndexOf(parts, "function");
        return functionIndex >= 0 && functionIndex + 1 < parts.Length ? parts[functionIndex + 1] : parts[0];
    }

    private static string ErrorPayload(Exception error)
    {
        var stackTrace = new JsonArray();
        foreach (string line in (error.StackTrace ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            stackTrace.Add(line);
        }

        var payload = new JsonObject
        {
            ["errorType"] = error.GetType().Name,
            ["errorMessage"] = error.Message,
            ["stackTrace"] = stackTrace,
        };
        return payload.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
