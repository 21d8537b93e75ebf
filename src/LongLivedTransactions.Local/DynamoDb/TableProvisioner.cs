using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Local.DynamoDb;

/// <summary>Creates the saga's tables, exactly as the topology declares them, and waits until they are active.</summary>
public sealed class TableProvisioner(IAmazonDynamoDB dynamoDb)
{
    /// <summary>Creates every table of the topology; returns the physical name of each, by logical name.</summary>
    /// <param name="namePrefix">Prepended to each logical name, so that several test runs can share one server.</param>
    public async Task<IReadOnlyDictionary<string, string>> CreateAllAsync(string namePrefix, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>();
        foreach (TableDefinition table in SagaTopology.Tables)
        {
            string name = namePrefix + table.LogicalName;
            await CreateAsync(table, name, cancellationToken).ConfigureAwait(false);
            names[table.LogicalName] = name;
        }

        return names;
    }

    public async Task CreateAsync(TableDefinition table, string tableName, CancellationToken cancellationToken)
    {
        var request = new CreateTableRequest
        {
            TableName = tableName,
            BillingMode = BillingMode.PAY_PER_REQUEST,
            KeySchema = [new KeySchemaElement(table.PartitionKey, KeyType.HASH)],
            AttributeDefinitions = [new AttributeDefinition(table.PartitionKey, ScalarAttributeType.S)],
        };

        if (table.OrderIndex is { } index)
        {
            request.AttributeDefinitions.Add(new AttributeDefinition(index.PartitionKey, ScalarAttributeType.S));
            request.AttributeDefinitions.Add(new AttributeDefinition(index.SortKey, ScalarAttributeType.S));
            request.GlobalSecondaryIndexes =
            [
                new GlobalSecondaryIndex
                {
                    IndexName = index.IndexName,
                    KeySchema = [new KeySchemaElement(index.PartitionKey, KeyType.HASH), new KeySchemaElement(index.SortKey, KeyType.RANGE)],
                    Projection = new Projection { ProjectionType = ProjectionType.ALL },
                },
            ];
        }

        await dynamoDb.CreateTableAsync(request, cancellationToken).ConfigureAwait(false);
        await WaitUntilActiveAsync(tableName, cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitUntilActiveAsync(string tableName, CancellationToken cancellationToken)
    {
        while (true)
        {
            DescribeTableResponse description = await dynamoDb.DescribeTableAsync(tableName, cancellationToken).ConfigureAwait(false);
            if (description.Table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }
}
