using System.CommandLine;
using System.Text.Json;
using LongLivedTransactions.Local.Checking;

namespace LongLivedTransactions.Local.Cli;

/// <summary>
/// <c>check FILE [--set NAME=ARN]... [--json]</c>: grades a hand-built saga definition (JSON or YAML). It runs the
/// definition through the seven scenarios on the local cloud and reports, for each, the expected and the actual path,
/// the status, a verdict and why, and what the records break of the saga's invariants; then the definition's errors
/// and advice. Progress goes to the error stream. Exit code 0 when every scenario is right, 1 when one is not (or the
/// definition has errors), 2 for bad usage, an unreadable file or a placeholder without a value.
/// </summary>
public static class CheckCommand
{
    public const string Name = "check";
    public const string Usage = "check FILE [--set NAME=ARN]... [--json]";

    /// <summary>Parses the arguments that follow <c>check</c> and grades the definition.</summary>
    public static Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken) =>
        LocalCommandLine.InvokeAsync(Create(output, errors), args, output, errors, cancellationToken);

    /// <summary>The <c>check</c> command: the report goes to <paramref name="output"/>, progress and problems to <paramref name="errors"/>.</summary>
    public static Command Create(TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var file = new Argument<string>("FILE") { Description = "The definition to grade (JSON or YAML), with ${...} placeholders, function names or ARNs." };
        var set = new Option<string[]>("--set")
        {
            Description = "The value of a placeholder the check does not know: --set MyOrderFunction=NewOrder (a function name or ARN, or a topic ARN).",
            HelpName = "NAME=ARN",
        };
        set.Validators.Add(result =>
        {
            foreach (string assignment in result.Tokens.Select(token => token.Value).Where(value => PlaceholderAssignment.Parse(value) is null))
            {
                result.AddError($"--set '{assignment}' is not NAME=ARN.");
            }
        });
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON object." };
        var command = new Command(Name, "Grade a hand-built saga definition: run it through the seven scenarios and explain what goes wrong.") { file, set, json };
        command.SetAction((parsed, cancellationToken) => CheckAsync(
            parsed.GetValue(file)!,
            (parsed.GetValue(set) ?? []).Select(PlaceholderAssignment.Parse).OfType<KeyValuePair<string, string>>().ToDictionary(StringComparer.Ordinal),
            parsed.GetValue(json),
            output,
            errors,
            cancellationToken));
        return command;
    }

    private static async Task<int> CheckAsync(
        string file, Dictionary<string, string> givenValues, bool json, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        CheckReport report;
        try
        {
            report = await new DefinitionChecker(RepositoryRoot.Find(), errors).CheckFileAsync(file, givenValues, cancellationToken).ConfigureAwait(false);
        }
        catch (CheckInputException error)
        {
            await errors.WriteLineAsync(error.Message).ConfigureAwait(false);
            return 2;
        }

        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(report, CheckReportJsonContext.Readable.CheckReport)).ConfigureAwait(false);
        }
        else
        {
            await CheckReportWriter.WriteAsync(output, report).ConfigureAwait(false);
        }

        return report.AllRight ? 0 : 1;
    }
}
