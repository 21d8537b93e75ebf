using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Core.Functions;

/// <summary>Reads the configuration Lambda gives a saga function through its environment.</summary>
public static class FunctionEnvironment
{
    /// <summary>The region Lambda runs the function in.</summary>
    public const string RegionVariable = "AWS_REGION";

    /// <summary>The AWS SDKs' variable for a DynamoDB endpoint of one's own (dynalite, DynamoDB Local); unset in Lambda.</summary>
    public const string DynamoDbEndpointVariable = "AWS_ENDPOINT_URL_DYNAMODB";

    /// <summary>The application id the functions' DynamoDB requests carry in their User-Agent.</summary>
    public const string ClientAppId = "long-lived-transactions";

    public static string TableName() => Required(SagaTopology.TableNameVariable);

    /// <summary>
    /// The DynamoDB client settings, stated rather than discovered: left unset, the SDK looks each one up on first use
    /// in its environment variables and shared config files, which costs a cold start tens of milliseconds and finds
    /// nothing in Lambda. Credentials are left to the SDK's default chain, which finds the function role's credentials
    /// in the environment, or, under SnapStart, at the container credentials endpoint.
    /// </summary>
    public static AmazonDynamoDBConfig DynamoDbConfig() =>
        DynamoDbConfig(Required(RegionVariable), Environment.GetEnvironmentVariable(DynamoDbEndpointVariable));

    /// <param name="region">The region (<c>AWS_REGION</c>).</param>
    /// <param name="endpointUrl">A DynamoDB endpoint of one's own, or null for the region's endpoint.</param>
    public static AmazonDynamoDBConfig DynamoDbConfig(string region, string? endpointUrl)
    {
        var config = new AmazonDynamoDBConfig
        {
            // The endpoint comes from here; no shared config file is read for one.
            IgnoreConfiguredEndpointUrls = true,
            // The SDK's own defaults, stated: left unset, the first that is read makes the SDK look them all up.
            EndpointDiscoveryEnabled = false,
            UseDualstackEndpoint = false,
            UseFIPSEndpoint = false,
            RetryMode = RequestRetryMode.Standard,
            MaxErrorRetry = 2,
            DefaultConfigurationMode = DefaultConfigurationMode.Standard,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_SUPPORTED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_SUPPORTED,
            AccountIdEndpointMode = AccountIdEndpointMode.PREFERRED,
            DisableRequestCompression = false,
            DisableClockSkewCorrection = false,
            RequestMinCompressionSizeBytes = 10240,
            // DynamoDB signs with SigV4 only.
            AuthSchemePreference = ["sigv4"],
            // Named in the User-Agent of every request (app/...), so the saga's calls stand out in CloudTrail.
            ClientAppId = ClientAppId,
        };
        if (string.IsNullOrEmpty(endpointUrl))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        else
        {
            config.ServiceURL = endpointUrl;
            // Signs for the region as given, instead of guessing it from the endpoint's host name.
            config.AuthenticationRegion = region;
        }

        return config;
    }

    private static string Required(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"The environment variable {variable} is not set.");
}
