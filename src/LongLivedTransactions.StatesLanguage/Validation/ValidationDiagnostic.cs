namespace LongLivedTransactions.StatesLanguage.Validation;

/// <summary>
/// One finding, shaped like a ValidateStateMachineDefinition diagnostic: severity ("ERROR" or "WARNING"),
/// code (for example "SCHEMA_VALIDATION_FAILED"), message, and a JSON-pointer-like location ("/States/A/Next").
/// </summary>
public sealed record ValidationDiagnostic(string Severity, string Code, string Message, string? Location)
{
    public const string Error = "ERROR";
    public const string Warning = "WARNING";

    public bool IsError => Severity == Error;

    public override string ToString() => Location is null ? $"{Code}: {Message}" : $"{Code}: {Message} at {Location}";
}

/// <summary>The diagnostic codes this validator reports (the ValidateStateMachineDefinition names).</summary>
public static class DiagnosticCodes
{
    public const string InvalidJsonDescription = "INVALID_JSON_DESCRIPTION";
    public const string MissingDescription = "MISSING_DESCRIPTION";
    public const string SchemaValidationFailed = "SCHEMA_VALIDATION_FAILED";
    public const string InvalidResource = "INVALID_RESOURCE";
    public const string MissingEndState = "MISSING_END_STATE";
    public const string InvalidStateName = "INVALID_STATE_NAME";
    public const string MissingTransitionTarget = "MISSING_TRANSITION_TARGET";
    public const string DuplicateStateName = "DUPLICATE_STATE_NAME";
    public const string NoDollar = "NO_DOLLAR";
    public const string NoPath = "NO_PATH";
    public const string PassResultIsStatic = "PASS_RESULT_IS_STATIC";
    public const string InvalidJsonataExpression = "INVALID_JSONATA_EXPRESSION";
    public const string UnsupportedJsonataExpression = "UNSUPPORTED_JSONATA_EXPRESSION";
}
