using System.Collections.Concurrent;
using System.Reflection;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace LongLivedTransactions.Integration.Tests;

/// <summary>
/// A decorator of <see cref="IAmazonDynamoDB"/> that behaves as a global secondary index does on DynamoDB: an item
/// reaches the index some time after it was written. Queries of an index leave out the items written less than
/// <c>lag</c> ago; every other call goes to the real client unchanged (table reads stay strongly consistent).
/// </summary>
public class IndexLagDynamoDb : DispatchProxy
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> writtenAt = new(StringComparer.Ordinal);
    private IAmazonDynamoDB inner = null!;
    private TimeProvider clock = TimeProvider.System;
    private TimeSpan lag;

    public static IAmazonDynamoDB Wrap(IAmazonDynamoDB inner, TimeSpan lag, TimeProvider clock)
    {
        IAmazonDynamoDB proxy = Create<IAmazonDynamoDB, IndexLagDynamoDb>();
        var decorator = (IndexLagDynamoDb)(object)proxy;
        decorator.inner = inner;
        decorator.lag = lag;
        decorator.clock = clock;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name == nameof(IAmazonDynamoDB.PutItemAsync) && args?[0] is PutItemRequest put)
        {
            writtenAt[Key(put.TableName, put.Item)] = clock.GetUtcNow();
        }

        if (targetMethod.Name == nameof(IAmazonDynamoDB.QueryAsync) && args?[0] is QueryRequest { IndexName: not null } query)
        {
            return QueryIndexAsync(query, (CancellationToken)args[1]!);
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

    private async Task<QueryResponse> QueryIndexAsync(QueryRequest query, CancellationToken cancellationToken)
    {
        QueryResponse response = await inner.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        DateTimeOffset now = clock.GetUtcNow();
        response.Items = response.Items?
            .Where(item => !writtenAt.TryGetValue(Key(query.TableName, item), out DateTimeOffset at) || now - at >= lag)
            .ToList();
        response.Count = response.Items?.Count;
        return response;
    }

    private static string Key(string table, Dictionary<string, AttributeValue> item) =>
        $"{table}|{string.Join("|", item.Where(a => a.Key is "transaction_id" or "order_id").OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Value.S))}";
}
