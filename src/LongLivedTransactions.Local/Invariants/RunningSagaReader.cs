using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Local.Invariants;

/// <summary>
/// Reads what the invariant checker needs from a running <c>up</c>: every execution of the saga state machine and its
/// history, through the Step Functions API as an SDK calls it, and the three tables through the DynamoDB endpoint.
/// </summary>
public sealed class RunningSagaReader(HttpClient http, Uri stepFunctionsEndpoint, IAmazonDynamoDB dynamoDb)
{
    // The endpoint refuses API calls without an AWS-style Authorization header; it does not check the signature.
    private const string Authorization =
        "AWS4-HMAC-SHA256 Credential=local/20260101/us-east-1/states/aws4_request, SignedHeaders=host, Signature=00";

    public async Task<IReadOnlyList<ExecutionSummary>> ReadExecutionsAsync(string stateMachineArn, CancellationToken cancellationToken)
    {
        var summaries = new List<ExecutionSummary>();
        string? nextToken = null;
        do
        {
            JsonObject page = await CallAsync(
                "ListExecutions", new JsonObject { ["stateMachineArn"] = stateMachineArn, ["maxResults"] = 1000, ["nextToken"] = nextToken }, cancellationToken)
                .ConfigureAwait(false);
            foreach (JsonObject execution in page["executions"]!.AsArray().OfType<JsonObject>())
            {
                string arn = execution["executionArn"]!.GetValue<string>();
                summaries.Add(ExecutionSummary.FromHistory(
                    arn, execution["status"]!.GetValue<string>(), await ReadHistoryAsync(arn, cancellationToken).ConfigureAwait(false)));
            }

            nextToken = page["nextToken"]?.GetValue<string>();
        }
        while (nextToken is not null);

        return summaries;
    }

    public Task<SagaTableSnapshot> ReadTablesAsync(CancellationToken cancellationToken) =>
        SagaTableSnapshot.ReadAsync(dynamoDb, SagaTopology.Tables.ToDictionary(table => table.LogicalName, table => table.LogicalName), cancellationToken);

    private async Task<List<JsonObject>> ReadHistoryAsync(string executionArn, CancellationToken cancellationToken)
    {
        var events = new List<JsonObject>();
        string? nextToken = null;
        do
        {
            JsonObject page = await CallAsync(
                "GetExecutionHistory", new JsonObject { ["executionArn"] = executionArn, ["maxResults"] = 1000, ["nextToken"] = nextToken }, cancellationToken)
                .ConfigureAwait(false);
            events.AddRange(page["events"]!.AsArray().OfType<JsonObject>());
            nextToken = page["nextToken"]?.GetValue<string>();
        }
        while (nextToken is not null);

        return events;
    }

    private async Task<JsonObject> CallAsync(string operation, JsonObject body, CancellationToken cancellationToken)
    {
        if (body["nextToken"] is null)
        {
            body.Remove("nextToken");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, stepFunctionsEndpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", $"AWSStepFunctions.{operation}");
        request.Headers.TryAddWithoutValidation("Authorization", Authorization);
        using HttpResponseMessage response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{operation} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!.AsObject();
    }
}
