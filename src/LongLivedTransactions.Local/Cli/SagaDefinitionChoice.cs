using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Local.Workflow;

namespace LongLivedTransactions.Local.Cli;

/// <summary>
/// The options of <c>run</c> and <c>up</c> that choose the saga definition: <c>--flavour jsonpath|jsonata</c> (one of
/// the repository's two definitions; jsonpath by default) or <c>--definition FILE</c> (a definition of one's own, with
/// the same <c>${...}</c> placeholders).
/// </summary>
public sealed class SagaDefinitionChoice
{
    public const string Usage = "[--flavour jsonpath|jsonata | --definition FILE]";

    private bool flavourGiven;

    public SagaQueryLanguage Flavour { get; private set; } = SagaQueryLanguage.JsonPath;

    public string? File { get; private set; }

    public static bool IsOption(string argument) => argument is "--flavour" or "--definition";

    /// <summary>Takes the value of <c>--flavour</c> or <c>--definition</c>; returns why it cannot, or null.</summary>
    public string? Take(string option, string? value)
    {
        ArgumentNullException.ThrowIfNull(option);
        if (value is null || value.StartsWith("--", StringComparison.Ordinal))
        {
            return $"{option} needs a value.";
        }

        if (option == "--definition")
        {
            File = value;
        }
        else if (SagaTopology.ParseQueryLanguage(value) is { } flavour)
        {
            Flavour = flavour;
            flavourGiven = true;
        }
        else
        {
            return $"--flavour '{value}' is not a flavour of the saga; use jsonpath or jsonata.";
        }

        return flavourGiven && File is not null ? "Give either --flavour or --definition, not both." : null;
    }

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
