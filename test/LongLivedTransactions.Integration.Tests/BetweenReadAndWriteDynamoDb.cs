using System.Reflection;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace LongLivedTransactions.Integration.Tests;

/// <summary>
/// A decorator of <see cref="IAmazonDynamoDB"/> that runs an action once, right after the first GetItem answered and
/// before the caller sees the answer: another writer that slips in between a function's read and its write. Every
/// call goes to the real client.
/// </summary>
public class BetweenReadAndWriteDynamoDb : DispatchProxy
{
    private IAmazonDynamoDB inner = null!;
    private Func<Task>? between;

    public static IAmazonDynamoDB Wrap(IAmazonDynamoDB inner, Func<Task> between)
    {
        IAmazonDynamoDB proxy = Create<IAmazonDynamoDB, BetweenReadAndWriteDynamoDb>();
        var decorator = (BetweenReadAndWriteDynamoDb)(object)proxy;
        decorator.inner = inner;
        decorator.between = between;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IAmazonDynamoDB.GetItemAsync) && args?[0] is GetItemRequest get && Interlocked.Exchange(ref between, null) is { } action)
        {
            return GetThenActAsync(get, action, (CancellationToken)args[1]!);
        }

        try
        {
            return targetMethod.Invoke(inner, args);
        }
        catch (TargetInvocationException error) when (error.InnerException is not null)
        {
            throw error.InnerException;
        }
    }

    private async Task<GetItemResponse> GetThenActAsync(GetItemRequest get, Func<Task> action, CancellationToken cancellationToken)
    {
        GetItemResponse response = await inner.GetItemAsync(get, cancellationToken).ConfigureAwait(false);
        await action().ConfigureAwait(false);
        return response;
    }
}
