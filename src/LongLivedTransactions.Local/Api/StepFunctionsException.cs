namespace LongLivedTransactions.Local.Api;

/// <summary>
/// An error the Step Functions API answers with: <see cref="ErrorType"/> becomes <c>__type</c> in the JSON body,
/// <see cref="Exception.Message"/> becomes <c>message</c>, and <see cref="StatusCode"/> the HTTP status.
/// </summary>
public sealed class StepFunctionsException(string errorType, string message, int statusCode = 400) : Exception(message)
{
    public string ErrorType { get; } = errorType;

    public int StatusCode { get; } = statusCode;
}

/// <summary>The errors of the Step Functions API, worded as AWS words them.</summary>
public static class StepFunctionsErrors
{
    public static StepFunctionsException InvalidArn(string arn, string reason) =>
        new("InvalidArn", $"Invalid Arn: '{reason}: {arn}'");

    public static StepFunctionsException InvalidName(string name) =>
        new("InvalidName", $"Invalid Name: '{name}'");

    public static StepFunctionsException InvalidDefinition(string message) => new("InvalidDefinition", message);

    public static StepFunctionsException InvalidExecutionInput(string message) => new("InvalidExecutionInput", message);

    public static StepFunctionsException StateMachineDoesNotExist(string arn) =>
        new("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{arn}'");

    public static StepFunctionsException ExecutionDoesNotExist(string arn) =>
        new("ExecutionDoesNotExist", $"Execution Does Not Exist: '{arn}'");

    public static StepFunctionsException StateMachineAlreadyExists(string arn) =>
        new("StateMachineAlreadyExists", $"State Machine Already Exists: '{arn}'");

    public static StepFunctionsException ExecutionAlreadyExists(string arn) =>
        new("ExecutionAlreadyExists", $"Execution Already Exists: '{arn}'");

    public static StepFunctionsException StateMachineDeleting(string arn) =>
        new("StateMachineDeleting", $"State Machine is being deleted: '{arn}'");

    public static StepFunctionsException ExecutionNotRedrivable(string reason) => new("ExecutionNotRedrivable", reason);

    public static StepFunctionsException StateMachineTypeNotSupported(string message) =>
        new("StateMachineTypeNotSupported", message);

    public static StepFunctionsException InvalidToken(string token) =>
        new("InvalidToken", $"Invalid Token: '{token}'");

    /// <summary>A task token whose task has ended (answered, timed out, or its execution stopped), in AWS's words.</summary>
    public static StepFunctionsException TaskTimedOut() =>
        new("TaskTimedOut", "Task Timed Out: 'Provided task does not exist anymore'");

    public static StepFunctionsException TaskDoesNotExist() =>
        new("TaskDoesNotExist", "Task Does Not Exist: 'The execution of this task token does not exist'");

    public static StepFunctionsException InvalidOutput(string detail) => new("InvalidOutput", $"Invalid Output: '{detail}'");

    public static StepFunctionsException MissingRequiredParameter(string message) => new("MissingRequiredParameter", message);

    /// <summary>A constraint of the request shape, in the "1 validation error detected" wording of AWS.</summary>
    public static StepFunctionsException Validation(string message) =>
        new("ValidationException", $"1 validation error detected: {message}");

    /// <summary>A check an operation makes itself (not a constraint of the request shape), worded as that operation words it.</summary>
    public static StepFunctionsException OperationValidation(string message) => new("ValidationException", message);

    public static StepFunctionsException UnknownOperation(string? target) =>
        new("UnknownOperationException", target is null
            ? "The X-Amz-Target header is missing: it names the operation, for example AWSStepFunctions.StartExecution."
            : $"Unknown operation '{target}'.");

    public static StepFunctionsException Serialization(string detail) =>
        new("SerializationException", $"The request body is not valid JSON: {detail}");
}
