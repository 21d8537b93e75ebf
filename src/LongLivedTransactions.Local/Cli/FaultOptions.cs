using System.CommandLine;
using System.Globalization;

namespace LongLivedTransactions.Local.Cli;

/// <summary>
/// The options of <c>run</c> and <c>up</c> that inject faults into the state machine's tasks, as <c>soak</c> does:
/// <c>--fault-rate R</c> (one rate spread over every kind) or <c>--faults FILE</c> (a fault file), and <c>--seed N</c>
/// for the fault decisions. Without them no fault is injected.
/// </summary>
public sealed class FaultOptions
{
    public const string Usage = "[--fault-rate R | --faults FILE] [--seed N]";

    private readonly Option<double?> rate = OptionValues.Create<double?>(
        "--fault-rate",
        "R",
        "Inject faults into the tasks at this overall rate (0 to 1), spread over every kind of fault.",
        // The range is checked with the rest of the fault plan, in one place.
        text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed)
            ? (parsed, null)
            : (null, $"--fault-rate '{text}' is not a number from 0 to 1."));

    private readonly Option<string?> file = OptionValues.Text("--faults", "FILE", "Inject the faults a fault file describes.");

    private readonly Option<int?> seed = OptionValues.Create<int?>(
        "--seed",
        "N",
        "Seed the fault decisions, so that a run can be replayed.",
        text => int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int parsed)
            ? (parsed, null)
            : (null, $"--seed '{text}' is not a whole number."));

    /// <summary>Adds the three options to the command, and the rule that a rate and a file exclude each other.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(rate);
        command.Options.Add(file);
        command.Options.Add(seed);
        OptionValues.AddExclusive(command, rate, file, "Give either --fault-rate or --faults, not both.");
    }

    public FaultChoice Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new FaultChoice(parseResult.GetValue(rate), parseResult.GetValue(file), parseResult.GetValue(seed));
    }
}
