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
            return new LambdaInvocationResult(200, await ReadPayloadAsync(output, cancellationToken).ConfigureAwait(false), FunctionError: null, ExecutedVersion);
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

    /// <summary>The function's answer as text; read from its buffer when it is in memory, as the functions' answers are.</summary>
    private static async Task<string> ReadPayloadAsync(Stream output, CancellationToken cancellationToken)
    {
        if (output is MemoryStream memory && memory.TryGetBuffer(out ArraySegment<byte> buffer))
        {
            ReadOnlySpan<byte> payload = buffer.AsSpan((int)memory.Position);
            return Encoding.UTF8.GetString(payload.StartsWith(Encoding.UTF8.Preamble) ? payload[Encoding.UTF8.Preamble.Length..] : payload);
        }

        using var reader = new StreamReader(output, Encoding.UTF8);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
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
