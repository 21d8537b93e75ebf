namespace LongLivedTransactions.Core.Topology;

/// <summary>One saga Lambda function: its name, where its code lives and which table it owns.</summary>
/// <param name="Name">Function name (also the CDK construct id and the local function name).</param>
/// <param name="Project">The service project that contains the handler, relative to <c>src/</c>.</param>
/// <param name="HandlerType">Full name of the class with the Stream handler.</param>
/// <param name="Table">The only table this function may read and write.</param>
/// <param name="ArnPlaceholder">The <c>${...}</c> placeholder in the state-machine definition that stands for this function's ARN.</param>
public sealed record FunctionDefinition(string Name, string Project, string HandlerType, TableDefinition Table, string ArnPlaceholder)
{
    /// <summary>The Lambda method name every saga function exposes.</summary>
    public const string HandlerMethod = "HandleAsync";

    /// <summary>The handler string for the .NET managed runtime: <c>Assembly::Type::Method</c>.</summary>
    public string Handler => $"{Project}::{HandlerType}::{HandlerMethod}";
}
