using System.Globalization;
using LongLivedTransactions.Local.Faults;

namespace LongLivedTransactions.Local.Cli;

/// <summary>
/// The options of <c>run</c> and <c>up</c> that inject faults into the state machine's tasks, as <c>soak</c> does:
/// <c>--fault-rate R</c> (one rate spread over every kind) or <c>--faults FILE</c> (a fault file), and <c>--seed N</c>
/// for the fault decisions. Without them no fault is injected.
/// </summary>
public sealed class FaultChoice
{
    public const string Usage = "[--fault-rate R | --faults FILE] [--seed N]";

    private double? rate;
    private string? file;
    private int? seed;

    public static bool IsOption(string argument) => argument is "--fault-rate" or "--faults" or "--seed";

    /// <summary>Takes the value of one of the options; returns why it cannot, or null.</summary>
    public string? Take(string option, string? value)
    {
        ArgumentNullException.ThrowIfNull(option);
        if (value is null || value.StartsWith("--", StringComparison.Ordinal))
        {
            return $"{option} needs a value.";
        }

        switch (option)
        {
            case "--fault-rate" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed):
                rate = parsed;
                break;
            case "--fault-rate":
                return $"--fault-rate '{value}' is not a number from 0 to 1.";
            case "--seed" when int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int parsed):
                seed = parsed;
                break;
            case "--seed":
                return $"--seed '{value}' is not a whole number.";
            default:
                file = value;
                break;
        }

        return rate is not null && file is not null ? "Give either --fault-rate or --faults, not both." : null;
    }

    /// <summary>
    /// The fault plan the options describe: null when none was asked for (and <paramref name="usable"/> is true), or
    /// null with <paramref name="usable"/> false after writing why the rate or the file cannot be used.
    /// </summary>
    public async Task<(FaultPlan? Plan, bool Usable)> ResolveAsync(TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            return file is not null
                ? (FaultPlan.Parse(await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false), seed), true)
                : (rate is { } overall ? FaultPlan.FromRate(overall, seed ?? 1) : null, true);
        }
        catch (Exception error) when (error is FormatException or IOException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"Not a usable fault configuration: {error.Message}").ConfigureAwait(false);
            return (null, false);
        }
    }
}
