using static LongLivedTransactions.Local.Api.IntegrationResponseShape;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// The response shapes, from the services' API models, of the optimized integrations whose mocked results TestState
/// checks here: the request-response form of each (a <c>.sync</c> job or a task token returns something else).
/// Other resources are not checked: AWS SDK integrations (<c>aws-sdk:*</c>) would need every service's model.
/// </summary>
public static class IntegrationResponseShapes
{
    private static readonly IntegrationResponseShape StringValue = new TextShape();
    private static readonly IntegrationResponseShape IntegerValue = new NumberShape(Integral: true);
    private static readonly IntegrationResponseShape DoubleValue = new NumberShape(Integral: false);

    private static readonly IntegrationResponseShape ConsumedCapacity = new ObjectShape(new Dictionary<string, IntegrationResponseShape>
    {
        ["TableName"] = StringValue,
        ["CapacityUnits"] = DoubleValue,
        ["ReadCapacityUnits"] = DoubleValue,
        ["WriteCapacityUnits"] = DoubleValue,
        ["Table"] = new AnyShape(),
        ["LocalSecondaryIndexes"] = new AnyShape(),
        ["GlobalSecondaryIndexes"] = new AnyShape(),
    });

    /// <summary>DynamoDB item attributes: a map of AttributeValue, left unchecked inside.</summary>
    private static readonly IntegrationResponseShape Attributes = new MapShape(new AnyShape());

    private static readonly Dictionary<string, IntegrationResponseShape> ByResource = new Dictionary<string, IntegrationResponseShape>(StringComparer.Ordinal)
    {
        // Lambda Invoke: Payload is a blob, which JSON carries as a string.
        ["arn:aws:states:::lambda:invoke"] = new ObjectShape(new Dictionary<string, IntegrationResponseShape>
        {
            ["StatusCode"] = IntegerValue,
            ["FunctionError"] = StringValue,
            ["LogResult"] = StringValue,
            ["Payload"] = StringValue,
            ["ExecutedVersion"] = StringValue,
        }),
        ["arn:aws:states:::sns:publish"] = new ObjectShape(new Dictionary<string, IntegrationResponseShape>
        {
            ["MessageId"] = StringValue,
            ["SequenceNumber"] = StringValue,
        }),
        ["arn:aws:states:::sqs:sendMessage"] = new ObjectShape(new Dictionary<string, IntegrationResponseShape>
        {
            ["MD5OfMessageBody"] = StringValue,
            ["MD5OfMessageAttributes"] = StringValue,
            ["MD5OfMessageSystemAttributes"] = StringValue,
            ["MessageId"] = StringValue,
            ["SequenceNumber"] = StringValue,
        }),
        ["arn:aws:states:::events:putEvents"] = new ObjectShape(new Dictionary<string, IntegrationResponseShape>
        {
            ["FailedEntryCount"] = IntegerValue,
            ["Entries"] = new ArrayShape(new ObjectShape(new Dictionary<string, IntegrationResponseShape>
            {
                ["EventId"] = StringValue,
                ["ErrorCode"] = StringValue,
                ["ErrorMessage"] = StringValue,
            })),
        }),
        ["arn:aws:states:::states:startExecution"] = new ObjectShape(
            new Dictionary<string, IntegrationResponseShape> { ["ExecutionArn"] = StringValue, ["StartDate"] = StringValue },
            "ExecutionArn",
            "StartDate"),
        ["arn:aws:states:::dynamodb:getItem"] = new ObjectShape(new Dictionary<string, IntegrationResponseShape>
        {
            ["Item"] = Attributes,
            ["ConsumedCapacity"] = ConsumedCapacity,
        }),
        ["arn:aws:states:::dynamodb:putItem"] = WriteItem(),
        ["arn:aws:states:::dynamodb:updateItem"] = WriteItem(),
        ["arn:aws:states:::dynamodb:deleteItem"] = WriteItem(),
    };

    /// <summary>The response shape of a Task resource, or null when its mocked results are not checked.</summary>
    public static IntegrationResponseShape? For(string resource) => ByResource.GetValueOrDefault(resource);

    private static ObjectShape WriteItem() => new(new Dictionary<string, IntegrationResponseShape>
    {
        ["Attributes"] = Attributes,
        ["ConsumedCapacity"] = ConsumedCapacity,
        ["ItemCollectionMetrics"] = new AnyShape(),
    });
}
