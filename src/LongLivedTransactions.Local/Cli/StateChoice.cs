namespace LongLivedTransactions.Local.Cli;

/// <summary>Where <c>up</c> keeps its state, as the command line chose it.</summary>
/// <param name="Directory">The directory given with <c>--state-dir</c>, if any.</param>
/// <param name="InMemory">True for <c>--in-memory</c>: nothing is kept.</param>
public sealed record StateChoice(string? Directory, bool InMemory)
{
    /// <summary>The state directory under the repository root when <c>--state-dir</c> is not given.</summary>
    public const string DefaultDirectory = ".local";

    /// <summary>The full path of the state directory, or null when nothing is kept.</summary>
    public string? Resolve(string repositoryRoot) =>
        InMemory ? null : Path.GetFullPath(Directory ?? Path.Combine(repositoryRoot, DefaultDirectory));
}
