using System.CommandLine;
using System.Globalization;

namespace LongLivedTransactions.Local.Cli;

/// <summary>
/// <c>--time-scale F</c> of <c>run</c> and <c>up</c>: Wait states and Retry back-off last F times their length (0 does
/// not wait, 0.01 waits a hundredth). Timeouts are never scaled, so a task still times out when it would.
/// </summary>
public sealed class TimeScaleOption
{
    public const string Usage = "[--time-scale F]";

    private readonly Option<double?> scale = OptionValues.Create<double?>(
        "--time-scale",
        "F",
        "Make Wait states and Retry back-off last F times their length (0 does not wait; default 1). Timeouts are not scaled.",
        text => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) && double.IsFinite(parsed) && parsed >= 0
            ? (parsed, null)
            : (null, $"--time-scale '{text}' is not a number of 0 or more."));

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(scale);
    }

    /// <summary>The scale given, or 1 (wait as written).</summary>
    public double Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return parseResult.GetValue(scale) ?? 1;
    }
}
