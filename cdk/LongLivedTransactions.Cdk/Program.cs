using Amazon.CDK;
using LongLivedTransactions.Cdk;

// cdk.json runs this app from the repository root, so src/ and statemachine/ resolve from there.
var app = new App();
SagaStackSettings settings = SagaStackSettings.FromContext(app, RepositoryRoot.Find(Directory.GetCurrentDirectory()));

_ = new SagaStack(app, SagaStack.DefaultStackName, settings, new StackProps
{
    Description = "Long lived transactions: an order saga coordinated by AWS Step Functions, with compensations.",
});

app.Synth();
