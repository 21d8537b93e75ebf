namespace LongLivedTransactions.Local;

/// <summary>The ARNs the local cloud gives its resources: the shape AWS uses, with a fixed local account.</summary>
public sealed record LocalArns(string Region = LocalArns.DefaultRegion, string AccountId = LocalArns.DefaultAccountId)
{
    public const string DefaultRegion = "us-east-1";
    public const string DefaultAccountId = "123456789012";

    public string Function(string name) => $"arn:aws:lambda:{Region}:{AccountId}:function:{name}";

    public string Topic(string name) => $"arn:aws:sns:{Region}:{AccountId}:{name}";

    public string StateMachine(string name) => $"arn:aws:states:{Region}:{AccountId}:stateMachine:{name}";

    public string Execution(string stateMachineName, string executionName) =>
        $"arn:aws:states:{Region}:{AccountId}:execution:{stateMachineName}:{executionName}";

    public string Role(string name) => $"arn:aws:iam::{AccountId}:role/{name}";
}
