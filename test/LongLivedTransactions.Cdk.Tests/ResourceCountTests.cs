using LongLivedTransactions.Cdk.Tests.Fixtures;

namespace LongLivedTransactions.Cdk.Tests;

[Collection(SynthesisGroup.Name)]
public sealed class ResourceCountTests(StandardSagaStack stack)
{
    [Theory]
    [InlineData("AWS::DynamoDB::Table", 3)]
    [InlineData("AWS::Lambda::Function", 6)]
    // Each function's published version and its live alias, which the state machine invokes.
    [InlineData("AWS::Lambda::Version", 6)]
    [InlineData("AWS::Lambda::Alias", 6)]
    [InlineData("AWS::StepFunctions::StateMachine", 1)]
    [InlineData("AWS::SNS::Topic", 1)]
    [InlineData("AWS::SNS::Subscription", 1)]
    [InlineData("AWS::SQS::Queue", 2)]
    [InlineData("AWS::SQS::QueuePolicy", 1)]
    // One per function and one for the state machine.
    [InlineData("AWS::Logs::LogGroup", 7)]
    // One role (with its default policy) per function and one for the state machine.
    [InlineData("AWS::IAM::Role", 7)]
    [InlineData("AWS::IAM::Policy", 7)]
    public void DeclaresTheExpectedNumberOfResources(string type, int count) =>
        stack.Synthesized.Template.ResourceCountIs(type, count);
}
