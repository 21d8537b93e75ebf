using System.Text.Json.Nodes;
using LongLivedTransactions.Cdk.Services;
using LongLivedTransactions.Cdk.Tests.Fixtures;

namespace LongLivedTransactions.Cdk.Tests;

/// <summary>Least privilege: no wildcard actions, each function on its own table only, the workflow on its functions and topic only.</summary>
[Collection(SynthesisGroup.Name)]
public sealed class PermissionTests(StandardSagaStack stack)
{
    /// <summary>Actions that AWS accepts only on Resource "*": X-Ray tracing and Step Functions log delivery.</summary>
    private static readonly HashSet<string> UnscopedActions =
    [
        "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets",
        "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
        "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
    ];

    private SynthesizedSagaStack Synthesized => stack.Synthesized;

    [Fact]
    public void NoStatementUsesAWildcardAction()
    {
        IReadOnlyList<JsonObject> statements = Synthesized.Json.AllStatements();

        Assert.NotEmpty(statements);
        Assert.All(statements, statement =>
        {
            Assert.Null(statement["NotAction"]);
            Assert.All(TemplateJson.Actions(statement), action => Assert.DoesNotContain("*", action, StringComparison.Ordinal));
        });
    }

    [Fact]
    public void OnlyTracingAndLogDeliveryAreGrantedOnAllResources()
    {
        IEnumerable<JsonObject> unscoped = Synthesized.Json.AllStatements()
            .Where(statement => TemplateJson.ResourceEntries(statement).Any(resource => (string?)(resource as JsonValue) == "*"));

        Assert.All(unscoped, statement => Assert.All(TemplateJson.Actions(statement), action => Assert.Contains(action, UnscopedActions)));
    }

    [Fact]
    public void EachFunctionReachesItsOwnTableAndNoOther()
    {
        string[] tableIds = [.. Synthesized.Stack.Services.Select(service => Synthesized.LogicalId(service.Table))];

        foreach (SagaService service in Synthesized.Stack.Services)
        {
            string ownTable = Synthesized.LogicalId(service.Table);
            foreach ((var definition, var function) in service.Functions)
            {
                IReadOnlyList<JsonObject> statements = Synthesized.Json.StatementsOfRole(RoleOf(Synthesized.LogicalId(function)));
                string policyText = string.Join('\n', statements.Select(statement => statement.ToJsonString()));

                Assert.All(tableIds.Where(id => id != ownTable), other => Assert.DoesNotContain(other, policyText, StringComparison.Ordinal));

                JsonObject tableStatement = Assert.Single(statements, statement => TemplateJson.Actions(statement).Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal)));
                Assert.Equal(TableAccess.DataActions.Order(StringComparer.Ordinal), TemplateJson.Actions(tableStatement).Order(StringComparer.Ordinal));

                string[] expectedResources =
                [
                    AssertJson.GetAtt(ownTable, "Arn"),
                    .. definition.Table.OrderIndex is { } index
                        ? new[] { $$"""{"Fn::Join":["",[{{AssertJson.GetAtt(ownTable, "Arn")}},"/index/{{index.IndexName}}"]]}""" }
                        : [],
                ];
                AssertJson.Equal($"[{string.Join(',', expectedResources)}]", new JsonArray([.. TemplateJson.ResourceEntries(tableStatement).Select(r => r.DeepClone())]));
            }
        }
    }

    [Fact]
    public void FunctionRolesAreForLambdaWithOnlyTheBasicExecutionPolicy()
    {
        foreach ((string logicalId, _) in Synthesized.Json.ResourcesOfType("AWS::Lambda::Function"))
        {
            JsonObject role = Synthesized.Json.Properties(RoleOf(logicalId));

            Assert.Equal("lambda.amazonaws.com", (string?)TemplateJson.Statements(role["AssumeRolePolicyDocument"]).Single()["Principal"]!["Service"]);
            JsonNode managed = Assert.Single(role["ManagedPolicyArns"]!.AsArray())!;
            Assert.EndsWith(":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole\"]]}", managed.ToJsonString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void StateMachineRoleInvokesExactlyTheSixFunctionAliases()
    {
        IReadOnlyList<JsonObject> statements = StateMachineStatements();
        string[] functionArns =
        [
            .. Synthesized.Json.ResourcesOfType("AWS::Lambda::Alias").Select(alias => AssertJson.Ref(alias.LogicalId)),
        ];

        JsonObject[] lambdaStatements = [.. statements.Where(s => TemplateJson.Actions(s).Any(a => a.StartsWith("lambda:", StringComparison.Ordinal)))];
        Assert.All(lambdaStatements, statement => Assert.Equal(["lambda:InvokeFunction"], TemplateJson.Actions(statement)));
        string[] invocable = [.. lambdaStatements.SelectMany(TemplateJson.ResourceEntries).Select(resource => resource.ToJsonString())];

        Assert.Equal(6, functionArns.Length);
        Assert.Equal(
            functionArns.Select(arn => JsonNode.Parse(arn)!.ToJsonString()).Order(StringComparer.Ordinal),
            invocable.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StateMachineRolePublishesOnlyToTheSagaTopicAndTouchesNoTable()
    {
        IReadOnlyList<JsonObject> statements = StateMachineStatements();
        JsonObject[] snsStatements = [.. statements.Where(s => TemplateJson.Actions(s).Any(a => a.StartsWith("sns:", StringComparison.Ordinal)))];

        JsonObject publish = Assert.Single(snsStatements);
        Assert.Equal(["sns:Publish"], TemplateJson.Actions(publish));
        AssertJson.Equal($"[{AssertJson.Ref(Synthesized.LogicalId(Synthesized.Stack.Notifications.Topic))}]", new JsonArray([.. TemplateJson.ResourceEntries(publish).Select(r => r.DeepClone())]));
        Assert.DoesNotContain(statements, s => TemplateJson.Actions(s).Any(a => a.StartsWith("dynamodb:", StringComparison.Ordinal)));
    }

    [Fact]
    public void StateMachineRoleIsForStepFunctions()
    {
        JsonObject role = Synthesized.Json.Properties(StateMachineRole());

        Assert.Equal("states.amazonaws.com", (string?)TemplateJson.Statements(role["AssumeRolePolicyDocument"]).Single()["Principal"]!["Service"]);
    }

    private IReadOnlyList<JsonObject> StateMachineStatements() => Synthesized.Json.StatementsOfRole(StateMachineRole());

    private string StateMachineRole() =>
        TemplateJson.GetAttTarget(Synthesized.Json.Properties(Synthesized.LogicalId(Synthesized.Stack.Workflow.StateMachine))["RoleArn"], "Arn")!;

    private string RoleOf(string functionLogicalId) =>
        TemplateJson.GetAttTarget(Synthesized.Json.Properties(functionLogicalId)["Role"], "Arn")
        ?? throw new InvalidOperationException($"{functionLogicalId} has no role of this stack.");
}
