using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Execution;
using LongLivedTransactions.StatesLanguage.Tasks;
using LongLivedTransactions.StatesLanguage.Tasks.Integrations;
using LongLivedTransactions.StatesLanguage.Tests.Support;
using static LongLivedTransactions.StatesLanguage.Tests.Support.EngineHarness;

namespace LongLivedTransactions.StatesLanguage.Tests.Tasks;

public sealed class MockConfigurationTests
{
    private const string Config = """
        {
          "StateMachines": {
            "Saga": {
              "TestCases": {
                "RetryPath": { "Charge": "FailTwiceThenPay" },
                "HappyPath": { "Charge": "Pay" }
              }
            }
          },
          "MockedResponses": {
            "FailTwiceThenPay": {
              "0-1": { "Throw": { "Error": "Lambda.ServiceException", "Cause": "try again" } },
              "2": { "Return": { "StatusCode": 200, "Payload": { "paid": true } } }
            },
            "Pay": { "0": { "Return": { "StatusCode": 200, "Payload": { "paid": true } } } }
          }
        }
        """;

    private const string Definition = """
        {"StartAt":"Charge","States":{
          "Charge":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"f"},
            "Retry":[{"ErrorEquals":["Lambda.ServiceException"],"MaxAttempts":3}],"OutputPath":"$.Payload","Next":"Ship"},
          "Ship":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"ship"},"End":true}}}
        """;

    [Fact]
    public async Task A_test_case_answers_its_states_per_attempt_and_other_states_fall_through()
    {
        var mocks = MockConfiguration.Parse(Config).ForTestCase("Saga", "RetryPath")!;
        var ship = ScriptedTaskInvoker.Returning("arn:aws:states:::lambda:invoke", _ => JsonNode.Parse("""{"shipped":true}"""));

        var execution = await RunAsync(Definition, "{}", [ship], extraInvokers: [mocks]);

        Assert.Equal(ExecutionStatus.Succeeded, execution.Status);
        AssertJson("""{"shipped":true}""", Output(execution));
        Assert.Equal(3, Events(execution, "TaskFailed").Count() + Events(execution, "TaskSucceeded").Count(e => e.Details!["output"]!.GetValue<string>().Contains("paid", StringComparison.Ordinal)));
        Assert.Equal(2, Events(execution, "TaskFailed").Count());
        Assert.Equal("ship", ship.Calls.Single().Parameters!["FunctionName"]!.GetValue<string>());
    }

    [Fact]
    public async Task Attempts_past_the_last_range_repeat_the_last_response()
    {
        var mocks = MockConfiguration.Parse(Config).ForTestCase("Saga", "HappyPath")!;
        var invocation = new TaskInvocation("e", "m", "Charge", "arn:aws:states:::lambda:invoke", null, 0);

        var first = await mocks.InvokeAsync(invocation, CancellationToken.None);
        var second = await mocks.InvokeAsync(invocation, CancellationToken.None);

        Assert.True(JsonNode.DeepEquals(first, second));
        Assert.True(mocks.CanInvokeState("Charge", "anything"));
        Assert.False(mocks.CanInvokeState("Ship", "arn:aws:states:::lambda:invoke"));
    }

    [Fact]
    public void Unknown_test_cases_give_null()
    {
        var configuration = MockConfiguration.Parse(Config);

        Assert.Null(configuration.ForTestCase("Saga", "Nope"));
        Assert.Null(configuration.ForTestCase("Other", "HappyPath"));
    }

    [Theory]
    [InlineData("""{"StateMachines":{"S":{"TestCases":{"T":{"A":"Missing"}}}},"MockedResponses":{}}""")]
    [InlineData("""{"MockedResponses":{"R":{"one":{"Return":1}}}}""")]
    [InlineData("""{"MockedResponses":{"R":{"0":{"Nothing":1}}}}""")]
    [InlineData("not json")]
    public void Invalid_configurations_are_refused(string json) =>
        Assert.Throws<FormatException>(() => MockConfiguration.Parse(json));
}
