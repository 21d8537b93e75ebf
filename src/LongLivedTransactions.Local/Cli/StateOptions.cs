using System.CommandLine;

namespace LongLivedTransactions.Local.Cli;

/// <summary>
/// The options of <c>up</c> that say where its state is kept: <c>--state-dir DIR</c> (default <c>.local/</c> in the
/// repository) or <c>--in-memory</c>, which keeps nothing. They exclude each other.
/// </summary>
public sealed class StateOptions
{
    public const string Usage = "[--state-dir DIR | --in-memory]";

    private readonly Option<string?> directory = OptionValues.Create<string>(
        "--state-dir",
        "DIR",
        $"Keep state machines, executions, histories and the tables in this directory (default {StateChoice.DefaultDirectory}/ in the repository).",
        text => string.IsNullOrWhiteSpace(text) ? (null, "--state-dir needs a directory.") : (text, null));

    private readonly Option<bool> inMemory = new("--in-memory")
    {
        Description = "Keep nothing: state machines, executions and tables end with the process.",
    };

    /// <summary>Adds both options to the command, and the rule that only one of them may be given.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(directory);
        command.Options.Add(inMemory);
        OptionValues.AddExclusive(command, directory, inMemory, "Give either --state-dir or --in-memory, not both.");
    }

    public StateChoice Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new StateChoice(parseResult.GetValue(directory), parseResult.GetValue(inMemory));
    }
}
