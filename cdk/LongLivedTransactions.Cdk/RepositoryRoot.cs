using LongLivedTransactions.Core.Topology;

namespace LongLivedTransactions.Cdk;

/// <summary>
/// Finds the repository root, the directory the app reads <c>src/</c> and <c>statemachine/</c> from. The CDK CLI runs
/// the app from the root (cdk.json lives there); tests start from their output folder, so the search walks upwards.
/// </summary>
public static class RepositoryRoot
{
    public static string Find(string startDirectory)
    {
        for (DirectoryInfo? directory = new(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SagaTopology.StateMachineDefinitionPath)))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"Neither '{startDirectory}' nor any directory above it contains {SagaTopology.StateMachineDefinitionPath}. " +
            "Run the CDK app from the repository root, where cdk.json is.");
    }
}
