using LongLivedTransactions.Core.Logging;
using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Core.Functions;

/// <summary>
/// What every saga function does the same way: the Lambda Stream entry point, and validating the order with the
/// function's own error before anything is written. A function supplies its error and its local transaction.
/// </summary>
public abstract class SagaFunction : ISagaFunction
{
    private readonly Func<string, Exception> createError;
    private readonly OrderStreamHandler streamHandler;

    /// <param name="createError">Builds the function's own error (the name the state machine catches).</param>
    protected SagaFunction(Func<string, Exception> createError, FunctionLog log)
    {
        this.createError = createError;
        streamHandler = new OrderStreamHandler(GetType().Name, createError, log);
    }

    /// <summary>The handler the Lambda runtime calls (no overload of this name may exist: Lambda rejects overloads).</summary>
    public Task<Stream> HandleAsync(Stream input) => streamHandler.HandleAsync(input, ProcessAsync);

    public Task<Order> ProcessAsync(Order order, CancellationToken cancellationToken) =>
        ProcessValidOrderAsync(OrderValidator.EnsureValid(order, createError), cancellationToken);

    /// <summary>The function's local transaction, on an order that passed validation.</summary>
    protected abstract Task<Order> ProcessValidOrderAsync(Order order, CancellationToken cancellationToken);

    /// <summary>The function's own error (the name the state machine catches) with the given message.</summary>
    protected Exception StepError(string message) => createError(message);

    /// <summary>
    /// The sample's failure switch: an order id starting with the function's prefix makes the step fail after it
    /// saved its record, so that every compensation path can be tried.
    /// </summary>
    protected Exception? FailureOnPurpose(string orderId, string prefix, string whatWasSaved) =>
        orderId.StartsWith(prefix, StringComparison.Ordinal)
            ? createError($"{whatWasSaved} but the step failed (order ids starting with '{prefix}' fail on purpose).")
            : null;
}
