namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Corpus;

/// <summary>
/// Finds the repository from the test assembly's folder. The recorded corpus is shared data that sits
/// beside the repository (<c>../shared/conformance/asl/cases.jsonl</c>) and is read from there, never copied.
/// </summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> Root = new(() => FindRepositoryRoot(AppContext.BaseDirectory));

    public static string RepositoryRoot => Root.Value;

    public static string CorpusFile =>
        Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "conformance", "asl", "cases.jsonl"));

    /// <summary>The ratchet list is read from the source tree so that it needs no build step.</summary>
    public static string KnownFailuresFile => Path.Combine(
        RepositoryRoot, "test", "LongLivedTransactions.StatesLanguage.Tests", "Conformance", "known-failures.txt");

    private static string FindRepositoryRoot(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LongLivedTransactions.sln"))
                || File.Exists(Path.Combine(directory.FullName, "global.json")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"No folder above '{startDirectory}' contains LongLivedTransactions.sln or global.json.");
    }
}
