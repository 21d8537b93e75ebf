using Amazon.CDK.AWS.DynamoDB;
using Amazon.CDK.AWS.IAM;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Cdk.Services;

/// <summary>
/// The least privilege a saga function needs on its own table: the item reads and writes the services make (GetItem,
/// PutItem, Query) on the table and its order index, named one by one (no <c>index/*</c>, no table management, no scans).
/// A service that starts using another DynamoDB operation adds it here.
/// </summary>
public static class TableAccess
{
    public static IReadOnlyList<string> DataActions { get; } =
    [
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:Query",
    ];

    public static Grant GrantData(IGrantable grantee, ITable table, TableDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(definition);

        List<string> resources = [table.TableArn];
        if (definition.OrderIndex is { } index)
        {
            resources.Add($"{table.TableArn}/index/{index.IndexName}");
        }

        return Grant.AddToPrincipal(new GrantOnPrincipalOptions
        {
            Grantee = grantee,
            Actions = [.. DataActions],
            ResourceArns = [.. resources],
        });
    }
}
