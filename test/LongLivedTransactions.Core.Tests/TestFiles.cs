using System.Text.Json.Nodes;

namespace LongLivedTransactions.Core.Tests;

/// <summary>Reads repository files (the state machine, the scenario files) from the tests.</summary>
internal static class TestFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string ReadText(string relativePath) => File.ReadAllText(Path.Combine(RepositoryRoot, relativePath));

    public static JsonNode ReadJson(string relativePath) => JsonNode.Parse(ReadText(relativePath))!;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LongLivedTransactions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("LongLivedTransactions.sln not found above the test folder.");
    }
}
