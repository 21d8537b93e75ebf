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
        root.SetAction(_ => WriteUsage(errors));
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
            if (parsed.CommandResult.Command is RootCommand)
            {
                return WriteUsage(errors);
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

    private static string UsageOf(Command command) => command.Name switch
    {
        RunCommand.Name => RunCommand.Usage,
        UpCommand.Name => UpCommand.Usage,
        CheckCommand.Name => CheckCommand.Usage,
        DiagramCommand.Name => DiagramCommand.Usage,
        SoakCommand.Name => SoakCommand.Usage,
        InvariantsCommand.Name => InvariantsCommand.Usage,
        _ => command.Name,
    };

    private static int WriteUsage(TextWriter errors)
    {
        errors.WriteLine($"Usage: {Program} <command>");
        errors.WriteLine();
        errors.WriteLine($"  {RunCommand.Usage}");
        errors.WriteLine("      Run each scenario file as one execution of the saga and report what happened.");
        errors.WriteLine($"  {UpCommand.Usage}");
        errors.WriteLine("      Serve the Step Functions API, the Lambda API and the web console on 127.0.0.1 until Ctrl-C.");
        errors.WriteLine($"  {CheckCommand.Usage}");
        errors.WriteLine("      Grade a hand-built saga definition against the seven scenarios and explain what goes wrong.");
        errors.WriteLine($"  {DiagramCommand.Usage}");
        errors.WriteLine("      Print the mermaid flowchart of a definition.");
        errors.WriteLine($"  {SoakCommand.Usage}");
        errors.WriteLine("      Run many executions with injected faults, then check the saga's invariants.");
        errors.WriteLine($"  {InvariantsCommand.Usage}");
        errors.WriteLine("      Check the saga's invariants over the executions and the tables of a running `up`.");
        errors.WriteLine();
        errors.WriteLine($"'{Program} <command> --help' describes a command's options.");
        return 2;
    }
}
