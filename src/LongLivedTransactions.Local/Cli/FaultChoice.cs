using LongLivedTransactions.Local.Faults;

namespace LongLivedTransactions.Local.Cli;

/// <summary>The faults asked for on the command line: a rate, a fault file, or none; and the seed.</summary>
public sealed record FaultChoice(double? Rate, string? File, int? Seed)
{
    /// <summary>
    /// The fault plan the options describe: null when none was asked for (and <paramref name="usable"/> is true), or
    /// null with <paramref name="usable"/> false after writing why the file cannot be used.
    /// </summary>
    public async Task<(FaultPlan? Plan, bool Usable)> ResolveAsync(TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            return File is not null
                ? (FaultPlan.Parse(await System.IO.File.ReadAllTextAsync(File, cancellationToken).ConfigureAwait(false), Seed), true)
                : (Rate is { } overall ? FaultPlan.FromRate(overall, Seed ?? 1) : null, true);
        }
        catch (Exception error) when (error is FormatException or IOException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"Not a usable fault configuration: {error.Message}").ConfigureAwait(false);
            return (null, false);
        }
    }
}
