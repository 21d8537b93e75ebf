using System.CommandLine;

namespace LongLivedTransactions.Local.Cli;

/// <summary>
/// The local cloud's command line: <c>run</c>, <c>up</c>, <c>check</c>, <c>diagram</c>, <c>soak</c>, <c>invariants</c> and their options, parsed by System.CommandLine. Bad usage
/// (an unknown command or option, a missing or wrong value) is reported with the command's usage line and exit code 2.
/// </summary>
public static class LocalCommandLine
{
    public const string Program = "dotnet run --project src/LongLivedTransactions.Local --";

    // "@file" arguments are file names here, not response files.
    private static readonly ParserConfiguration Parsing = new() { ResponseFileTokenReplacer = null };

    // Each command's usage line, for the usage list and for the line printed after a usage error.
    private static readonly Dictionary<string, string> Usages = new(StringComparer.Ordinal)
    {
        [RunCommand.Name] = RunCommand.Usage,
        [UpCommand.Name] = UpCommand.Usage,
        [CheckCommand.Name] = CheckCommand.Usage,
        [DiagramCommand.Name] = DiagramCommand.Usage,
        [SoakCommand.Name] = SoakCommand.Usage,
        [InvariantsCommand.Name] = InvariantsCommand.Usage,
    };

    /// <summary>Parses the whole command line and runs the command it names.</summary>
    public static Task<int> InvokeAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var root = new RootCommand("The saga's local cloud: run the scenarios, or serve the Step Functions API and the console.")
        {
            RunCommand.Create(output, errors),
            UpCommand.Create(output, errors),
            CheckCommand.Create(output, errors),
            DiagramCommand.Create(output, errors),
            SoakCommand.Create(output, errors),
            InvariantsCommand.Create(output, errors),
        };
        root.SetAction(_ => WriteUsage(root, errors));
        return InvokeAsync(root, args, output, errors, cancellationToken);
    }

    /// <summary>Parses the arguments of one command (the command's name not included) and runs it.</summary>
    internal static async Task<int> InvokeAsync(
        Command command, IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(errors);
        ParseResult parsed = command.Parse(args, Parsing);
        if (parsed.Errors.Count > 0)
        {
            if (parsed.CommandResult.Command is RootCommand root)
            {
                return WriteUsage(root, errors);
            }

            foreach (string message in parsed.Errors.Select(error => error.Message).Distinct(StringComparer.Ordinal))
            {
                await errors.WriteLineAsync(message).ConfigureAwait(false);
            }

            await errors.WriteLineAsync($"Usage: {UsageOf(parsed.CommandResult.Command)}").ConfigureAwait(false);
            return 2;
        }

        // Program.cs turns Ctrl-C into the cancellation token, and exceptions are the program's to report.
        var invocation = new InvocationConfiguration
        {
            Output = output,
            Error = errors,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        return await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    private static string UsageOf(Command command) => Usages.GetValueOrDefault(command.Name, command.Name);

    /// <summary>Every command's usage line and description, as each command declares them.</summary>
    private static int WriteUsage(RootCommand root, TextWriter errors)
    {
        errors.WriteLine($"Usage: {Program} <command>");
        errors.WriteLine();
        foreach (Command command in root.Subcommands)
        {
            errors.WriteLine($"  {UsageOf(command)}");
            errors.WriteLine($"      {command.Description}");
        }

        errors.WriteLine();
        errors.WriteLine($"'{Program} <command> --help' describes a command's options.");
        return 2;
    }
}
