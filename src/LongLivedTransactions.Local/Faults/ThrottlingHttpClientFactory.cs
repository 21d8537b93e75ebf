using System.Net;
using System.Text;
using Amazon.Runtime;

namespace LongLivedTransactions.Local.Faults;

/// <summary>
/// The HTTP client of the functions' DynamoDB client when throttling is injected: a request may be answered, without
/// reaching the server, with the 400 ProvisionedThroughputExceededException DynamoDB sends. The AWS SDK then retries
/// it with back-off as it would in Lambda; a function fails only when every attempt is throttled.
/// </summary>
public sealed class ThrottlingHttpClientFactory(FaultInjector faults) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) =>
        new(new ThrottlingHandler(faults, new SocketsHttpHandler()), disposeHandler: true);

    private sealed class ThrottlingHandler(FaultInjector faults, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!faults.NextDynamoDbThrottle())
            {
                return base.SendAsync(request, cancellationToken);
            }

            var response = new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                RequestMessage = request,
                Content = new StringContent(
                    """{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API."}""",
                    Encoding.UTF8,
                    "application/x-amz-json-1.0"),
            };
            response.Headers.TryAddWithoutValidation("x-amzn-RequestId", Guid.NewGuid().ToString());
            return Task.FromResult(response);
        }
    }
}
