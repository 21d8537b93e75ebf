using LongLivedTransactions.StatesLanguage.Tests.Conformance.Corpus;
using LongLivedTransactions.StatesLanguage.Tests.Conformance.Normalisation;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Running;

/// <summary>
/// Names and ARNs for running a case. The state machine, the execution and the role are named after the
/// placeholders the recording put in their place, in partition aws, account 111111111111 and region
/// us-east-1, so that after normalisation (region and partition replaced) our text reads like the recording.
/// </summary>
internal sealed record CaseNames(string StateMachineArn, string ExecutionArn, string ExecutionName, string RoleArn)
{
    public const string Account = "111111111111";

    // Used where the recording has no placeholder: the name never reaches the compared data there.
    private const string DefaultStateMachineName = "<ArnPart_0idx>";
    private const string DefaultExecutionName = "<ExecArnPart_0idx>";
    private const string DefaultRoleArn = "snf_role_arn";

    // Three recorded tests replaced the state machine name by a value computed at test time.
    private const string ComputedStateMachineName = "<state-machine-name>";

    public static CaseNames For(ConformanceCase conformanceCase)
    {
        var placeholders = conformanceCase.Placeholders;
        var stateMachineName = placeholders.StateMachineName
                               ?? (SnapshotNormaliser.For(conformanceCase).ComputedValueTokens.Contains(ComputedStateMachineName)
                                   ? ComputedStateMachineName
                                   : DefaultStateMachineName);
        var executionName = placeholders.ExecutionName ?? DefaultExecutionName;
        var prefix = $"arn:aws:states:{SnapshotNormaliser.Region}:{Account}";

        // Express executions have two name parts after the state machine name (the sync response's ARN).
        var executionArn = placeholders.ExecutionArnSuffix is { } suffix
            ? $"{prefix}:express:{stateMachineName}:{suffix}"
            : $"{prefix}:execution:{stateMachineName}:{executionName}";

        return new CaseNames(
            StateMachineArn: $"{prefix}:stateMachine:{stateMachineName}",
            ExecutionArn: executionArn,
            ExecutionName: executionName,
            RoleArn: Denormalise(placeholders.RoleArn ?? DefaultRoleArn));
    }

    // A recorded role ARN reads arn:<partition>:iam::111111111111:role/...: give the engine a real one.
    private static string Denormalise(string text) => text
        .Replace("arn:<partition>:", "arn:aws:", StringComparison.Ordinal)
        .Replace("<region>", SnapshotNormaliser.Region, StringComparison.Ordinal);
}
