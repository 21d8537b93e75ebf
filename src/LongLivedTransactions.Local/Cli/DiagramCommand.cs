using System.CommandLine;
using LongLivedTransactions.Local.Diagrams;
using LongLivedTransactions.Local.Workflow;

namespace LongLivedTransactions.Local.Cli;

/// <summary>
/// <c>diagram FILE</c>: prints the mermaid flowchart of a definition (JSON or YAML, with the saga's <c>${...}</c>
/// placeholders allowed), generated from the engine's parsed model, so that a diagram kept in a document can be
/// regenerated rather than drawn by hand. Exit code 0, or 2 for bad usage or a definition that cannot be read.
/// </summary>
public static class DiagramCommand
{
    public const string Name = "diagram";
    public const string Usage = "diagram FILE";

    /// <summary>Parses the arguments that follow <c>diagram</c> and prints the flowchart.</summary>
    public static Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken) =>
        LocalCommandLine.InvokeAsync(Create(output, errors), args, output, errors, cancellationToken);

    /// <summary>The <c>diagram</c> command: the flowchart goes to <paramref name="output"/>, problems to <paramref name="errors"/>.</summary>
    public static Command Create(TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var file = new Argument<string>("FILE") { Description = "The definition to draw (JSON or YAML), with ${...} placeholders allowed." };
        var command = new Command(Name, "Print the mermaid flowchart of a definition.") { file };
        command.SetAction((parsed, cancellationToken) => DrawAsync(parsed.GetValue(file)!, output, errors, cancellationToken));
        return command;
    }

    private static async Task<int> DrawAsync(string file, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        LoadedSagaDefinition definition;
        try
        {
            definition = SagaDefinition.Read(file, new LocalArns());
        }
        catch (SagaDefinitionException error)
        {
            await errors.WriteLineAsync(error.Message).ConfigureAwait(false);
            return 2;
        }

        await output.WriteAsync(MermaidFlowchart.Generate(definition.Definition).AsMemory(), cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
