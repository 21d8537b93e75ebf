namespace LongLivedTransactions.StatesLanguage.Tests.Data;

/// <summary>Finds the conformance corpora, which live next to the repository in <c>../shared/conformance</c>.</summary>
internal static class SharedConformanceData
{
    public static string PathOf(string relativePath)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "..", "shared", "conformance");
            if (Directory.Exists(candidate))
            {
                return Path.GetFullPath(Path.Combine(candidate, relativePath));
            }
        }

        throw new DirectoryNotFoundException($"../shared/conformance was not found above {AppContext.BaseDirectory}");
    }
}
