using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using LongLivedTransactions.Core.Functions;

namespace LongLivedTransactions.Core.Tests;

public sealed class FunctionEnvironmentTests
{
    [Fact]
    public void InLambdaTheClientUsesTheRegionsEndpoint()
    {
        AmazonDynamoDBConfig config = FunctionEnvironment.DynamoDbConfig("eu-west-1", endpointUrl: null);

        Assert.Equal(RegionEndpoint.EUWest1, config.RegionEndpoint);
        Assert.Null(config.ServiceURL);
        Assert.Null(config.AuthenticationRegion);
    }

    [Fact]
    public void AnEndpointOfOnesOwnIsSignedForTheGivenRegion()
    {
        AmazonDynamoDBConfig config = FunctionEnvironment.DynamoDbConfig("eu-west-1", "http://127.0.0.1:8000");

        Assert.Equal("http://127.0.0.1:8000/", config.ServiceURL);
        Assert.Equal("eu-west-1", config.AuthenticationRegion);
    }

    [Fact]
    public void StatesTheSettingsTheSdkWouldOtherwiseLookUpOnFirstUse()
    {
        AmazonDynamoDBConfig config = FunctionEnvironment.DynamoDbConfig("us-east-1", endpointUrl: null);

        Assert.True(config.IgnoreConfiguredEndpointUrls);
        Assert.False(config.EndpointDiscoveryEnabled);
        Assert.Equal(RequestRetryMode.Standard, config.RetryMode);
        Assert.True(config.IsMaxErrorRetrySet);
        Assert.Equal(2, config.MaxErrorRetry);
        Assert.Equal(DefaultConfigurationMode.Standard, config.DefaultConfigurationMode);
        Assert.Equal(["sigv4"], config.AuthSchemePreference);
        Assert.Equal(FunctionEnvironment.ClientAppId, config.ClientAppId);
    }
}
