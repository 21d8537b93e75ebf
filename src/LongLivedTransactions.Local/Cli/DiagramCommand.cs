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
    public const string Usage = "diagram FILE";

    public static async Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (args is not [var file] || file.StartsWith("--", StringComparison.Ordinal))
        {
            await errors.WriteLineAsync($"Give one definition file. Usage: {Usage}").ConfigureAwait(false);
            return 2;
        }

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
