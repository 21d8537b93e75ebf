using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using LongLivedTransactions.Core.Json;
using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Core.Functions;

/// <summary>
/// The Stream side of every saga function: reads the order, runs the typed core, writes the result and logs the
/// outcome. Exceptions propagate so that Lambda reports their type name as the error type.
/// </summary>
public sealed class OrderStreamHandler(string functionName, Func<string, Exception> createError, FunctionLog log)
{
    // Built with the handler, in the function's initialisation, not on its first call: under SnapStart the
    // initialisation is done once, before the snapshot, and every cold start resumes with this metadata in place.
    private readonly JsonTypeInfo<Order> orderReader = SagaJsonContext.Default.Order;
    private readonly JsonTypeInfo<Order> orderWriter = SagaJsonContext.Verbatim.Order;

    public async Task<Stream> HandleAsync(Stream input, Func<Order, CancellationToken, Task<Order>> process)
    {
        ArgumentNullException.ThrowIfNull(input);

        // The managed runtime's Stream signature carries no token; Lambda's own timeout ends a stuck invocation.
        CancellationToken cancellationToken = CancellationToken.None;
        Order? order = null;
        try
        {
            order = ReadOrder(input);
            Order result = await process(order, cancellationToken).ConfigureAwait(false);

            var output = new MemoryStream();
            JsonSerializer.Serialize(output, result, orderWriter);
            output.Position = 0;
            log.Succeeded(functionName, result.OrderId);
            return output;
        }
        catch (Exception error)
        {
            log.Failed(functionName, order?.OrderId, error);
            throw;
        }
    }

    // Read and written synchronously: the Lambda .NET runtime hands the handler the payload it has already read into a
    // MemoryStream, and the output is a MemoryStream too, so nothing blocks; the serializer's asynchronous stream paths
    // would only add generic instantiations that a cold start compiles just in time.
    private Order ReadOrder(Stream input)
    {
        try
        {
            return JsonSerializer.Deserialize(input, orderReader)
                ?? throw createError("The input is not an order object (it is null).");
        }
        catch (JsonException error)
        {
            string field = string.IsNullOrEmpty(error.Path) || error.Path == "$" ? "the input" : $"field '{error.Path}'";
            throw createError($"The input is not a valid order: {field} could not be read ({error.Message})");
        }
    }
}
