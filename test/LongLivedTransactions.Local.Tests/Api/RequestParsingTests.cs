using System.Text.Json.Nodes;
using LongLivedTransactions.Local.Api;

namespace LongLivedTransactions.Local.Tests.Api;

/// <summary>The pieces that read a request: region, names, ARNs, pages and the state machine TestState runs.</summary>
public sealed class RequestParsingTests
{
    [Theory]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/states/aws4_request, SignedHeaders=host, Signature=ab", "eu-west-1")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20260101/ap-southeast-2/states/aws4_request,SignedHeaders=host", "ap-southeast-2")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20260101/Not A Region/states/aws4_request", "us-east-1")]
    [InlineData("Bearer token", "us-east-1")]
    [InlineData("", "us-east-1")]
    [InlineData(null, "us-east-1")]
    public void The_region_comes_from_the_credential_scope_or_the_default(string? authorization, string region) =>
        Assert.Equal(region, RequestRegion.FromAuthorization(authorization, "us-east-1"));

    [Theory]
    [InlineData("order-1", true)]
    [InlineData("a", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("a/b", false)]
    [InlineData("a:b", false)]
    [InlineData("a#b", false)]
    [InlineData("a{b}", false)]
    [InlineData("tab\tname", false)]
    public void Names_follow_the_naming_rules(string name, bool valid) => Assert.Equal(valid, ResourceNames.IsValid(name));

    [Fact]
    public void A_name_is_at_most_80_characters() =>
        Assert.Equal([true, false], new[] { new string('n', 80), new string('n', 81) }.Select(ResourceNames.IsValid));

    [Fact]
    public void A_state_machine_arn_may_name_a_mock_test_case_after_a_hash()
    {
        StateMachineArn arn = StepFunctionsArns.ParseStateMachine("arn:aws:states:eu-west-1:111122223333:stateMachine:Saga#HappyPath");
        Assert.Equal(("eu-west-1", "111122223333", "Saga", "HappyPath"), (arn.Region, arn.AccountId, arn.Name, arn.TestCase));
        Assert.Equal("arn:aws:states:eu-west-1:111122223333:stateMachine:Saga", arn.Arn);
        Assert.Equal("arn:aws:states:eu-west-1:111122223333:execution:Saga:run-1", arn.ExecutionArn("run-1"));
    }

    [Theory]
    [InlineData("Saga")]
    [InlineData("arn:aws:states:us-east-1:123456789012:execution:Saga:x")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:Saga")]
    [InlineData("arn:aws:states:us-east-1:123456789012:stateMachine:Saga#")]
    public void Anything_else_than_a_state_machine_arn_is_InvalidArn(string text)
    {
        var error = Assert.Throws<StepFunctionsException>(() => StepFunctionsArns.ParseStateMachine(text));
        Assert.Equal("InvalidArn", error.ErrorType);
        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pages_follow_their_token_to_the_end_and_refuse_a_token_of_another_list()
    {
        int[] items = Enumerable.Range(1, 7).ToArray();
        var seen = new List<int>();
        string? token = null;
        do
        {
            (IReadOnlyList<int> page, token) = Pagination.Page(items, 3, token, "list-a");
            seen.AddRange(page);
        }
        while (token is not null);
        Assert.Equal(items, seen);

        (_, string? first) = Pagination.Page(items, 3, null, "list-a");
        Assert.Equal("InvalidToken", Assert.Throws<StepFunctionsException>(() => Pagination.Page(items, 3, first, "list-b")).ErrorType);
        Assert.Equal(Pagination.DefaultPageSize, Pagination.Page(Enumerable.Range(0, 500).ToArray(), 0, null, "x").Page.Count);
    }

    [Fact]
    public void The_test_state_machine_replaces_every_transition_by_a_stand_in_and_assigns_the_variables_first()
    {
        var state = JsonNode.Parse("""
            {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Retry":[{"ErrorEquals":["States.ALL"]}],
             "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Undo"},{"ErrorEquals":["Other"],"Next":"Check"}],"Next":"Then"}
            """)!.AsObject();
        var machine = new TestStateMachine("Check", state, new JsonObject { ["limit"] = 3 });

        JsonObject definition = JsonNode.Parse(machine.ToDefinition(includeRetry: false))!.AsObject();
        JsonObject states = definition["States"]!.AsObject();
        Assert.Equal(machine.VariablesStateName, definition["StartAt"]!.GetValue<string>());
        Assert.Equal(3, states[machine.VariablesStateName]!["Assign"]!["limit"]!.GetValue<int>());
        Assert.Null(states["Check"]!["Retry"]);
        Assert.NotNull(JsonNode.Parse(machine.ToDefinition(includeRetry: true))!["States"]!["Check"]!["Retry"]);

        // A transition back to the tested state gets a stand-in of its own name; the others keep theirs.
        Assert.Equal(["Check", "Then", "Undo"], machine.TargetsByStandIn.Values.Order(StringComparer.Ordinal));
        foreach (var (standIn, target) in machine.TargetsByStandIn)
        {
            Assert.Equal("Succeed", states[standIn]!["Type"]!.GetValue<string>());
            Assert.True(standIn == target || target == "Check");
        }

        Assert.NotEqual("Check", states["Check"]!["Catch"]![1]!["Next"]!.GetValue<string>());
    }
}
