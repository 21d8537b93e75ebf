using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Local.Workflow;

namespace LongLivedTransactions.Local.Cli;

/// <summary>
/// The definition <c>run</c> and <c>up</c> load: one of the repository's two flavours (jsonpath by default) or a
/// definition of one's own, with the same <c>${...}</c> placeholders.
/// </summary>
/// <param name="Flavour">The repository's definition to load when <paramref name="File"/> is null.</param>
/// <param name="File">A definition file of one's own, or null.</param>
public sealed record SagaDefinitionChoice(SagaQueryLanguage Flavour, string? File)
{
    public const string Usage = "[--flavour jsonpath|jsonata | --definition FILE]";

    /// <summary>The definition file to load: the one given, or the repository's file of the chosen flavour.</summary>
    public string ResolveFile(string repositoryRoot) =>
        File is not null ? Path.GetFullPath(File) : Path.Combine(repositoryRoot, SagaTopology.DefinitionPath(Flavour));

    /// <summary>
    /// Loads the chosen definition once before anything starts, so that a bad file is reported at once and nothing
    /// (dynalite, tables) is started for it. Returns the file to run, or null after writing why it cannot be used.
    /// </summary>
    public async Task<string?> CheckAsync(string repositoryRoot, LocalArns arns, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        string file = ResolveFile(repositoryRoot);
        try
        {
            _ = SagaDefinition.Read(file, arns);
            return file;
        }
        catch (SagaDefinitionException error)
        {
            await errors.WriteLineAsync(error.Message).ConfigureAwait(false);
            return null;
        }
    }
}
