using System.Text.RegularExpressions;

namespace LongLivedTransactions.StatesLanguage.Benchmarks;

/// <summary>
/// The repository's own saga definitions (<c>statemachine/saga.asl.json</c> and <c>saga.jsonata.asl.json</c>) and
/// scenario input, so the benchmark measures the machines users run. Each <c>${NameFunctionArn}</c> placeholder
/// becomes the function name (what the in-memory invoker answers to) and <c>${SagaTopicArn}</c> a topic ARN.
/// </summary>
internal static partial class SagaMachine
{
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

    private static string ReadRepositoryFile(params string[] parts)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var path = Path.Combine([directory.FullName, .. parts]);
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        throw new FileNotFoundException($"{Path.Combine(parts)} was not found above {AppContext.BaseDirectory}.");
    }
}
