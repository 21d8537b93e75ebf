using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LongLivedTransactions.Local.DynamoDb;

/// <summary>
/// What dynalite itself can serve: the rate of PutItem, GetItem and Query (items of a saga record's size, a Query that
/// finds two items, as the saga's do) with the given number of concurrent clients, each operation measured alone.
/// </summary>
internal static class DynamoDbCeiling
{
    private const string Table = "CeilingBench";

    /// <summary>Operations per second, by operation name.</summary>
    public static async Task<IReadOnlyDictionary<string, double>> MeasureAsync(Uri dynalite, int clients, TimeSpan each)
    {
        using AmazonDynamoDBClient client = LocalDynamoDbClient.Create(dynalite);
        await client.CreateTableAsync(new CreateTableRequest
        {
            TableName = Table,
            AttributeDefinitions = [new("pk", ScalarAttributeType.S), new("sk", ScalarAttributeType.S)],
            KeySchema = [new("pk", KeyType.HASH), new("sk", KeyType.RANGE)],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        });
        while ((await client.DescribeTableAsync(Table)).Table.TableStatus != TableStatus.ACTIVE)
        {
            await Task.Delay(50);
        }

        var keys = new List<string>();
        var rates = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["PutItem"] = await RateAsync(clients, each, async i =>
            {
                // Two items a key, so that a Query finds two, as the saga's queries find a payment and its refund.
                string pk = $"order-{i / 2}";
                await client.PutItemAsync(new PutItemRequest { TableName = Table, Item = Item(pk, i) });
                if (i % 2 == 0)
                {
                    lock (keys)
                    {
                        keys.Add(pk);
                    }
                }
            }),
        };
        string[] written = [.. keys];
        rates["GetItem"] = await RateAsync(clients, each, i => client.GetItemAsync(new GetItemRequest
        {
            TableName = Table,
            Key = new() { ["pk"] = new(written[i % written.Length]), ["sk"] = new("record-0") },
        }));
        rates["Query"] = await RateAsync(clients, each, i => client.QueryAsync(new QueryRequest
        {
            TableName = Table,
            KeyConditionExpression = "pk = :pk",
            ExpressionAttributeValues = new() { [":pk"] = new(written[i % written.Length]) },
        }));
        return rates;
    }

    private static Dictionary<string, AttributeValue> Item(string pk, int i) => new()
    {
        ["pk"] = new(pk),
        ["sk"] = new($"record-{i % 2}"),
        ["customer_id"] = new(Guid.NewGuid().ToString()),
        ["status"] = new("New"),
        ["amount"] = new() { N = "14.50" },
        ["updated"] = new(DateTimeOffset.UtcNow.ToString("O")),
        ["items"] = new() { L = [new() { M = new() { ["item_id"] = new("item-2002"), ["qty"] = new() { N = "1" } } }] },
    };

    /// <summary>
    /// The better of two windows: the first also warms up dynalite's and the client's code, and whatever else runs on
    /// the machine slows one window more than the other. The better rate is the ceiling, which errs on dynalite's side.
    /// </summary>
    private static async Task<double> RateAsync(int clients, TimeSpan duration, Func<int, Task> call)
    {
        var (firstRate, firstCalls) = await WindowAsync(clients, duration, call, firstIndex: 0);
        var (secondRate, _) = await WindowAsync(clients, duration, call, firstIndex: firstCalls);
        return Math.Max(firstRate, secondRate);
    }

    /// <summary>Calls with indexes from <paramref name="firstIndex"/> for <paramref name="duration"/>: their rate and number.</summary>
    private static async Task<(double Rate, int Calls)> WindowAsync(int clients, TimeSpan duration, Func<int, Task> call, int firstIndex)
    {
        int next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
        {
            while (clock.Elapsed < duration)
            {
                await call(firstIndex + Interlocked.Increment(ref next));
            }
        }));
        return ((next + 1) / clock.Elapsed.TotalSeconds, next + 1);
    }
}
