using System.CommandLine;
using System.CommandLine.Parsing;

namespace LongLivedTransactions.Local.Cli;

/// <summary>
/// Options that take one value, read by a function that says why a value is not acceptable. A missing value reads
/// "--name needs a value." rather than being taken from the next option (<c>--definition --json</c>).
/// </summary>
internal static class OptionValues
{
    /// <param name="name">The option, for example <c>--flavour</c>.</param>
    /// <param name="valueName">How help names its value, for example <c>FILE</c>.</param>
    /// <param name="description">What the option does, for help.</param>
    /// <param name="read">The value, or the problem with the text (a whole sentence).</param>
    public static Option<T?> Create<T>(string name, string valueName, string description, Func<string, (T? Value, string? Problem)> read) =>
        new(name)
        {
            Description = description,
            HelpName = valueName,
            Arity = ArgumentArity.ZeroOrOne,
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0)
                {
                    result.AddError($"{name} needs a value.");
                    return default;
                }

                (T? value, string? problem) = read(result.Tokens[0].Value);
                if (problem is not null)
                {
                    result.AddError(problem);
                }

                return value;
            },
        };

    /// <summary>A text value taken as it is (a file name).</summary>
    public static Option<string?> Text(string name, string valueName, string description) =>
        Create<string>(name, valueName, description, text => (text, null));

    /// <summary><c>--dynamodb-endpoint URL</c>: an existing DynamoDB-compatible endpoint instead of dynalite.</summary>
    public static Option<Uri?> DynamoDbEndpoint() =>
        Create<Uri>(
            "--dynamodb-endpoint",
            "URL",
            "Use an existing DynamoDB-compatible endpoint (DynamoDB Local, LocalStack) instead of starting dynalite.",
            text => Uri.TryCreate(text, UriKind.Absolute, out Uri? uri)
                ? (uri, null)
                : (null, $"--dynamodb-endpoint '{text}' is not an absolute URL."));

    /// <summary>Refuses a command line that gives both options, with <paramref name="message"/>.</summary>
    public static void AddExclusive(Command command, Option first, Option second, string message)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Validators.Add(result =>
        {
            if (result.IsGiven(first) && result.IsGiven(second))
            {
                result.AddError(message);
            }
        });
    }

    /// <summary>True when the option appears on the command line (with or without a value).</summary>
    public static bool IsGiven(this SymbolResult result, Option option) => result.GetResult(option) is not null;
}
