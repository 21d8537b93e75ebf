using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.Local.Tests.Api;

/// <summary>Each malformed request gets AWS's error (type, message, HTTP status) and the server keeps serving.</summary>
public sealed class MalformedRequestTests(LocalServerFixture fixture) : IClassFixture<LocalServerFixture>
{
    private const string Role = "arn:aws:iam::123456789012:role/r";
    private const string PassDefinition = """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""";

    public static TheoryData<string, string, string, string> Requests() => new()
    {
        // target, body, expected __type, text the message must contain
        { "AWSStepFunctions.ListStateMachines", "{not json", "SerializationException", "not valid JSON" },
        { "AWSStepFunctions.ListStateMachines", "[1,2]", "SerializationException", "JSON object" },
        { "", "{}", "UnknownOperationException", "X-Amz-Target" },
        { "AWSStepFunctions.LaunchRocket", "{}", "UnknownOperationException", "LaunchRocket" },
        { "DynamoDB_20120810.ListTables", "{}", "UnknownOperationException", "ListTables" },
        { "AWSStepFunctions.DescribeStateMachine", """{"stateMachineArn":"not-an-arn"}""", "InvalidArn", "not-an-arn" },
        { "AWSStepFunctions.DescribeStateMachine", """{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:execution:A:b"}""", "InvalidArn", "Invalid Arn" },
        { "AWSStepFunctions.DescribeStateMachine", """{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:Nope"}""", "StateMachineDoesNotExist", "Nope" },
        { "AWSStepFunctions.DescribeExecution", """{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:Nope:none"}""", "ExecutionDoesNotExist", "none" },
        { "AWSStepFunctions.DescribeExecution", "{}", "ValidationException", "executionArn" },
        { "AWSStepFunctions.DescribeExecution", """{"executionArn":42}""", "ValidationException", "executionArn" },
        { "AWSStepFunctions.CreateStateMachine", $$$"""{"name":"Bad","roleArn":"{{{Role}}}","definition":"{\"StartAt\":\"X\",\"States\":{}}"}""", "InvalidDefinition", "Invalid State Machine Definition" },
        { "AWSStepFunctions.CreateStateMachine", $$"""{"name":"Bad","roleArn":"{{Role}}","definition":"not json"}""", "InvalidDefinition", "Invalid State Machine Definition" },
        { "AWSStepFunctions.CreateStateMachine", $$"""{"name":"bad name","roleArn":"{{Role}}","definition":"{}"}""", "InvalidName", "bad name" },
        { "AWSStepFunctions.CreateStateMachine", """{"name":"NoRole","roleArn":"role","definition":"{}"}""", "InvalidArn", "role" },
        { "AWSStepFunctions.CreateStateMachine", $$"""{"name":"T","roleArn":"{{Role}}","definition":"{}","type":"FAST"}""", "ValidationException", "enum" },
        { "AWSStepFunctions.StartExecution", """{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:LongLivedTransactionsSaga","input":"{oops"}""", "InvalidExecutionInput", "Invalid State Machine Execution Input" },
        { "AWSStepFunctions.StartExecution", """{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:LongLivedTransactionsSaga","name":"a/b"}""", "InvalidName", "a/b" },
        { "AWSStepFunctions.StartExecution", """{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:LongLivedTransactionsSaga#NoSuchCase"}""", "ValidationException", "NoSuchCase" },
        { "AWSStepFunctions.GetExecutionHistory", """{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:A:b","maxResults":5000}""", "ValidationException", "maxResults" },
        { "AWSStepFunctions.ListStateMachines", """{"nextToken":"garbage"}""", "InvalidToken", "garbage" },
        { "AWSStepFunctions.UpdateStateMachine", """{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:LongLivedTransactionsSaga"}""", "MissingRequiredParameter", "definition" },
        { "AWSStepFunctions.StartSyncExecution", """{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:LongLivedTransactionsSaga"}""", "StateMachineTypeNotSupported", "EXPRESS" },
        { "AWSStepFunctions.TestState", """{"definition":"{\"Type\":\"Pass\",\"End\":true}","input":"{x"}""", "InvalidExecutionInput", "input" },
        { "AWSStepFunctions.TestState", """{"definition":"{\"Type\":\"Teleport\",\"End\":true}"}""", "InvalidDefinition", "Invalid State Machine Definition" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_malformed_request_gets_its_AWS_error_and_the_server_keeps_serving(string target, string body, string errorType, string messagePart)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Endpoint) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        if (target.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        using HttpResponseMessage response = await fixture.Http.SendAsync(request);
        JsonObject error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(errorType, error["__type"]!.GetValue<string>());
        Assert.Contains(messagePart, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(errorType, response.Headers.GetValues("x-amzn-ErrorType").Single());

        JsonObject machines = await fixture.CallOkAsync("ListStateMachines", []);
        Assert.NotEmpty(machines["stateMachines"]!.AsArray());
    }

    [Fact]
    public async Task Creating_a_different_state_machine_under_a_used_name_is_StateMachineAlreadyExists_and_the_same_one_is_idempotent()
    {
        var create = new JsonObject { ["name"] = "Twice", ["roleArn"] = Role, ["definition"] = PassDefinition };
        JsonObject first = await fixture.CallOkAsync("CreateStateMachine", create);
        JsonObject second = await fixture.CallOkAsync("CreateStateMachine", (JsonObject)create.DeepClone());
        Assert.Equal(first["stateMachineArn"]!.GetValue<string>(), second["stateMachineArn"]!.GetValue<string>());

        var (status, error) = await fixture.CallAsync("CreateStateMachine", new JsonObject
        {
            ["name"] = "Twice",
            ["roleArn"] = Role,
            ["definition"] = """{"StartAt":"Q","States":{"Q":{"Type":"Succeed"}}}""",
        });
        Assert.Equal(400, status);
        Assert.Equal("StateMachineAlreadyExists", error["__type"]!.GetValue<string>());
    }
}
