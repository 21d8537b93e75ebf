using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Tests.Api;

namespace LongLivedTransactions.Local.Tests.Security;

/// <summary>
/// The hardened endpoint refuses what browsers can send, and must not refuse a real SDK: boto3 (python3) lists and
/// starts the saga, reads its execution, lists the functions and scans a table through the DynamoDB proxy, unchanged.
/// </summary>
public class Boto3ClientTests(LocalServerFixture fixture) : IClassFixture<LocalServerFixture>
{
    // Runs with throw-away credentials, as a developer's script pointed at the local endpoints would.
    private const string Script = """
        import json, sys, time
        import boto3
        endpoint, dynamodb_endpoint, state_machine_arn, input_file = sys.argv[1:5]
        options = dict(region_name='us-east-1', aws_access_key_id='local', aws_secret_access_key='local')
        sfn = boto3.client('stepfunctions', endpoint_url=endpoint, **options)
        machines = [m['name'] for m in sfn.list_state_machines()['stateMachines']]
        started = sfn.start_execution(stateMachineArn=state_machine_arn, input=open(input_file).read())
        while True:
            execution = sfn.describe_execution(executionArn=started['executionArn'])
            if execution['status'] != 'RUNNING':
                break
            time.sleep(0.05)
        functions = sorted(f['FunctionName'] for f in boto3.client('lambda', endpoint_url=endpoint, **options).list_functions()['Functions'])
        orders = boto3.client('dynamodb', endpoint_url=dynamodb_endpoint, **options).scan(TableName='Orders')['Items']
        print(json.dumps({'machines': machines, 'status': execution['status'], 'error': execution.get('error'),
                          'functions': functions, 'orders': [o['order_id']['S'] for o in orders]}))
        """;

    [Fact]
    public async Task Boto3_drives_the_saga_the_functions_and_the_tables_unchanged()
    {
        JsonObject result = await Boto3Script.RunAsync(
            Script,
            fixture.Endpoint.ToString().TrimEnd('/'),
            fixture.Server.DynamoDbEndpoint.ToString().TrimEnd('/'),
            fixture.Server.SagaStateMachineArn,
            Path.Combine(fixture.RepositoryRoot, "events", "03-process-payment-fails.json"));
        Assert.Contains("LongLivedTransactionsSaga", result["machines"]!.AsArray().Select(name => name!.GetValue<string>()));
        Assert.Equal(("FAILED", "ErrProcessPayment"), (result["status"]!.GetValue<string>(), result["error"]!.GetValue<string>()));
        Assert.Equal(
            ["DebitPayment", "NewOrder", "RefundPayment", "ReleaseInventory", "ReserveInventory", "UpdateOrder"],
            result["functions"]!.AsArray().Select(name => name!.GetValue<string>()));
        Assert.Contains("20b0b599-441b-45c3-910e-ad63fe992c43", result["orders"]!.AsArray().Select(id => id!.GetValue<string>()));
    }
}
