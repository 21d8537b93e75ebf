using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Moq;

namespace LongLivedTransactions.Testing;

/// <summary>
/// A strict Moq double of <see cref="IAmazonDynamoDB"/> for the function unit tests: it records every PutItem, GetItem
/// and Query, answers reads with the item a test gives, and fails on any call a test did not expect.
/// </summary>
public sealed class DynamoDbDouble
{
    public DynamoDbDouble()
    {
        Mock.Setup(db => db.PutItemAsync(It.IsAny<PutItemRequest>(), It.IsAny<CancellationToken>()))
            .Callback<PutItemRequest, CancellationToken>((request, _) => Puts.Add(request))
            .ReturnsAsync(new PutItemResponse());
    }

    public Mock<IAmazonDynamoDB> Mock { get; } = new(MockBehavior.Strict);

    public IAmazonDynamoDB Client => Mock.Object;

    public List<PutItemRequest> Puts { get; } = [];

    public List<QueryRequest> Queries { get; } = [];

    public List<GetItemRequest> Gets { get; } = [];

    /// <summary>Every GetItem returns this item (null: no item has the key).</summary>
    public void GetItemReturns(Dictionary<string, AttributeValue>? item) =>
        Mock.Setup(db => db.GetItemAsync(It.IsAny<GetItemRequest>(), It.IsAny<CancellationToken>()))
            .Callback<GetItemRequest, CancellationToken>((request, _) => Gets.Add(request))
            .ReturnsAsync(new GetItemResponse { Item = item ?? [], IsItemSet = item is not null });

    /// <summary>Every Query returns these items (none: the index has nothing for the order).</summary>
    public void QueryReturns(params Dictionary<string, AttributeValue>[] items) =>
        Mock.Setup(db => db.QueryAsync(It.IsAny<QueryRequest>(), It.IsAny<CancellationToken>()))
            .Callback<QueryRequest, CancellationToken>((request, _) => Queries.Add(request))
            .ReturnsAsync(new QueryResponse { Items = [.. items] });
}
