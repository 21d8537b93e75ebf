namespace LongLivedTransactions.Local;

/// <summary>Finds the repository root (the folder with <c>LongLivedTransactions.sln</c>) from a start folder.</summary>
public static class RepositoryRoot
{
    private const string Marker = "LongLivedTransactions.sln";

    public static string Find(string? startDirectory = null)
    {
        foreach (string? start in new[] { startDirectory, Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = start is null ? null : new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, Marker)))
                {
                    return directory.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException($"Could not find {Marker} above the current or the application folder.");
    }
}
