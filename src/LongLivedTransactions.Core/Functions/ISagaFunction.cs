using LongLivedTransactions.Core.Model;

namespace LongLivedTransactions.Core.Functions;

/// <summary>A saga step: one local transaction on its service's table.</summary>
public interface ISagaFunction
{
    /// <summary>The Lambda entry point: the order as JSON in, the updated order as JSON out.</summary>
    Task<Stream> HandleAsync(Stream input);

    /// <summary>The typed core: validates the order, writes the service's record, returns the updated order.</summary>
    Task<Order> ProcessAsync(Order order, CancellationToken cancellationToken);
}
