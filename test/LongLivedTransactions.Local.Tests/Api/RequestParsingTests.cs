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
    public void A_lone_test_state_is_read_with_stand_ins_for_its_targets_and_a_named_state_is_found_at_any_depth()
    {
        TestStateDefinition lone = TestStateDefinition.Read("""
            {"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Undo"}],"Next":"StateName"}
            """, stateName: null);
        Assert.Equal(TestStateDefinition.LoneStateName, lone.State.Name);
        Assert.Equal(["StateName", "Undo"], lone.Machine.States.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Succeed", lone.Machine.States["Undo"].Type);

        TestStateDefinition nested = TestStateDefinition.Read("""
            {"StartAt":"Each","States":{"Each":{"Type":"Map","End":true,"ItemProcessor":{"StartAt":"Inner","States":{"Inner":{"Type":"Pass","End":true}}}}}}
            """, "Inner");
        Assert.Equal(("Inner", "Pass"), (nested.State.Name, nested.State.Type));

        StepFunctionsException missing = Assert.Throws<StepFunctionsException>(() => TestStateDefinition.Read("""{"Type":"Pass","End":true}""", "Inner"));
        Assert.Equal(("ValidationException", "State not found in definition"), (missing.ErrorType, missing.Message));
    }
}
