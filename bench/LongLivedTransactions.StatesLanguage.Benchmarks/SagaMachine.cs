using System.Text.RegularExpressions;

namespace LongLivedTransactions.StatesLanguage.Benchmarks;

/// <summary>
/// The repository's own saga definitions (<c>statemachine/saga.asl.json</c> and <c>saga.jsonata.asl.json</c>) and
/// scenario input, so the benchmark measures the machines users run. Each <c>${NameFunctionArn}</c> placeholder
/// becomes the function name (what the in-memory invoker answers to) and <c>${SagaTopicArn}</c> a topic ARN.
/// </summary>
internal static partial class SagaMachine
{
    // Declared first: the other static properties read files under it.
    /// <summary>The first folder above the harness that holds LongLivedTransactions.sln.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string FileName(string flavour) => flavour switch
    {
        "jsonpath" => "saga.asl.json",
        "jsonata" => "saga.jsonata.asl.json",
        _ => throw new ArgumentException($"Unknown flavour '{flavour}': use jsonpath or jsonata.", nameof(flavour)),
    };

    public static string Definition(string flavour) => Placeholder().Replace(
        ReadRepositoryFile("statemachine", FileName(flavour)),
        match => match.Groups[1].Value == "SagaTopic" ? "arn:aws:sns:us-east-1:111111111111:SagaTopic" : match.Groups[1].Value);

    public static string Input { get; } = ReadRepositoryFile("events", "07-order-succeeds.json");

    [GeneratedRegex(@"\$\{([A-Za-z]+?)(?:FunctionArn|Arn)\}")]
    private static partial Regex Placeholder();

    private static string ReadRepositoryFile(params string[] parts) => File.ReadAllText(Path.Combine([RepositoryRoot, .. parts]));

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LongLivedTransactions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds LongLivedTransactions.sln.");
    }
}
