using Amazon.DynamoDBv2;
using Amazon.Runtime;

namespace LongLivedTransactions.Local.DynamoDb;

/// <summary>Builds an SDK client for a local DynamoDB-compatible endpoint, which accepts any credentials.</summary>
public static class LocalDynamoDbClient
{
    public static AmazonDynamoDBClient Create(Uri serviceUrl, string region = "us-east-1", HttpClientFactory? httpClientFactory = null)
    {
        var config = new AmazonDynamoDBConfig { ServiceURL = serviceUrl.ToString(), AuthenticationRegion = region };
        if (httpClientFactory is not null)
        {
            config.HttpClientFactory = httpClientFactory;
        }

        return new AmazonDynamoDBClient(new BasicAWSCredentials("local", "local"), config);
    }
}
