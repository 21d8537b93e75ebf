namespace LongLivedTransactions.Jsonata.Benchmarks;

/// <summary>The repository root: the first folder above the harness that holds LongLivedTransactions.sln.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LongLivedTransactions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("No folder above the benchmark holds LongLivedTransactions.sln.");
    }
}
