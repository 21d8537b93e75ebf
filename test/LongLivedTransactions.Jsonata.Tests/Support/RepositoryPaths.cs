namespace LongLivedTransactions.Jsonata.Tests.Support;

/// <summary>
/// Finds the repository from the test assembly's folder. Shared data sits beside the repository
/// (<c>../shared/conformance/...</c>) and is read from there, never copied in.
/// </summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> Root = new(() => FindRepositoryRoot(AppContext.BaseDirectory));

    public static string RepositoryRoot => Root.Value;

    public static string JsonataSuiteFile =>
        Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "conformance", "jsonata", "cases.jsonl"));

    /// <summary>Files of this test project, read from the source tree so that they need no build step.</summary>
    public static string TestProjectFile(params string[] parts) =>
        Path.Combine([RepositoryRoot, "test", "LongLivedTransactions.Jsonata.Tests", .. parts]);

    private static string FindRepositoryRoot(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LongLivedTransactions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above '{startDirectory}' contains LongLivedTransactions.sln.");
    }
}
