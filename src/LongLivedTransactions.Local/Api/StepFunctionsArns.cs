namespace LongLivedTransactions.Local.Api;

/// <summary>A state machine ARN taken apart; <see cref="TestCase"/> is the Step Functions Local <c>#TestCaseName</c> suffix.</summary>
public sealed record StateMachineArn(string Region, string AccountId, string Name, string? TestCase)
{
    /// <summary>The ARN without the test case suffix.</summary>
    public string Arn => $"arn:aws:states:{Region}:{AccountId}:stateMachine:{Name}";

    public string ExecutionArn(string executionName) => $"arn:aws:states:{Region}:{AccountId}:execution:{Name}:{executionName}";

    public string ExpressExecutionArn(string executionName, Guid id) =>
        $"arn:aws:states:{Region}:{AccountId}:express:{Name}:{executionName}:{id}";
}

/// <summary>Parses the ARNs the API accepts, answering InvalidArn as AWS does for anything else.</summary>
public static class StepFunctionsArns
{
    public static StateMachineArn ParseStateMachine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string arn = text;
        string? testCase = null;
        int hash = text.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            arn = text[..hash];
            testCase = text[(hash + 1)..];
            if (testCase.Length == 0)
            {
                throw StepFunctionsErrors.InvalidArn(text, "Missing test case name after '#'");
            }
        }

        string[] parts = Split(text, arn);
        if (parts[5] != "stateMachine" || parts.Length != 7 || !ResourceNames.IsValid(parts[6]))
        {
            throw StepFunctionsErrors.InvalidArn(text, "Resource type not valid in this context");
        }

        return new StateMachineArn(parts[3], parts[4], parts[6], testCase);
    }

    /// <summary>Checks the shape of an execution ARN (arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME).</summary>
    public static string ValidateExecution(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = Split(text, text);
        bool standard = parts[5] == "execution" && parts.Length == 8;
        bool express = parts[5] == "express" && parts.Length == 9;
        if (!standard && !express)
        {
            throw StepFunctionsErrors.InvalidArn(text, "Resource type not valid in this context");
        }

        return text;
    }

    /// <summary>An IAM role ARN (arn:aws:iam::ACCOUNT:role/NAME), as CreateStateMachine requires.</summary>
    public static void ValidateRole(string text)
    {
        string[] parts = text.Split(':');
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "iam" || !parts[5].StartsWith("role/", StringComparison.Ordinal))
        {
            throw StepFunctionsErrors.InvalidArn(text, "Invalid role ARN");
        }
    }

    private static string[] Split(string original, string arn)
    {
        string[] parts = arn.Split(':');
        if (parts.Length < 6 || parts[0] != "arn" || parts[1].Length == 0)
        {
            throw StepFunctionsErrors.InvalidArn(original, "Invalid ARN prefix");
        }

        if (parts[2] != "states" || parts[3].Length == 0 || parts[4].Length == 0)
        {
            throw StepFunctionsErrors.InvalidArn(original, "Invalid ARN service or region");
        }

        return parts;
    }
}

/// <summary>The naming rules of state machines and executions.</summary>
public static class ResourceNames
{
    private const string ForbiddenCharacters = " <>{}[]?*\"#%\\^|~`$&,;:/";

    /// <summary>1 to 80 characters, no whitespace, brackets, wildcards, listed punctuation or control characters.</summary>
    public static bool IsValid(string name) =>
        name.Length is >= 1 and <= 80
        && !name.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || ForbiddenCharacters.Contains(c, StringComparison.Ordinal));
}
