using System.CommandLine;
using System.Globalization;
using LongLivedTransactions.Local.Faults;
using LongLivedTransactions.Local.Soak;

namespace LongLivedTransactions.Local.Cli;

/// <summary>
/// <c>soak [--executions 10000] [--concurrency 32] [--fault-rate 0.1 | --faults FILE] [--seed N] [--time-scale 1]</c>:
/// runs many saga executions on a local cloud with injected faults, shows progress, then prints the report and checks
/// the invariants. Exit code 0 when they hold, 1 on any violation or lost execution, 2 for bad usage.
/// </summary>
public static class SoakCommand
{
    public const string Name = "soak";
    public const string Usage = "soak [--executions 10000] [--concurrency 32] [--fault-rate 0.1 | --faults FILE] [--seed N] [--time-scale 1]";

    /// <summary>Parses the arguments that follow <c>soak</c> and runs the soak.</summary>
    public static Task<int> ExecuteAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken) =>
        LocalCommandLine.InvokeAsync(Create(output, errors), args, output, errors, cancellationToken);

    /// <summary>The <c>soak</c> command: the report goes to <paramref name="output"/>, progress and problems to <paramref name="errors"/>.</summary>
    public static Command Create(TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var executions = new Option<int>("--executions") { Description = "How many executions to run.", DefaultValueFactory = _ => 10_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "How many run at once.", DefaultValueFactory = _ => 32 };
        var faultRate = new Option<double>("--fault-rate") { Description = "Overall fault rate from 0 to 1.", DefaultValueFactory = _ => 0.1 };
        var faultsFile = new Option<FileInfo?>("--faults") { Description = "A fault file (JSON) instead of --fault-rate." };
        var seed = new Option<int>("--seed") { Description = "Seed of the orders and the faults.", DefaultValueFactory = _ => 1 };
        var timeScale = new Option<double>("--time-scale")
        {
            Description = "How many times faster than the wall clock retries, timeouts and waits run.",
            DefaultValueFactory = _ => 1,
        };
        var invalid = new Option<double>("--invalid-rate") { Description = "Share of malformed orders.", DefaultValueFactory = _ => 0.02 };
        var command = new Command(Name, "Run many executions with injected faults, then check the saga's invariants.") { executions, concurrency, faultRate, faultsFile, seed, timeScale, invalid };

        command.SetAction(async (result, token) =>
        {
            int count = result.GetValue(executions);
            int parallel = result.GetValue(concurrency);
            double scale = result.GetValue(timeScale);
            if (count < 1 || parallel < 1 || scale < 1)
            {
                await errors.WriteLineAsync("--executions and --concurrency must be at least 1, --time-scale at least 1.").ConfigureAwait(false);
                return 2;
            }

            FaultPlan plan;
            try
            {
                plan = result.GetValue(faultsFile) is { } file
                    ? FaultPlan.Parse(await File.ReadAllTextAsync(file.FullName, token).ConfigureAwait(false), result.GetValue(seed))
                    : FaultPlan.FromRate(result.GetValue(faultRate), result.GetValue(seed));
            }
            catch (Exception error) when (error is FormatException or IOException or UnauthorizedAccessException)
            {
                await errors.WriteLineAsync($"Not a usable fault configuration: {error.Message}").ConfigureAwait(false);
                return 2;
            }

            await output.WriteLineAsync($"faults          {plan.Describe()}").ConfigureAwait(false);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"clock           {scale:0.##} times the wall clock")).ConfigureAwait(false);
            await using LocalCloud cloud = await LocalCloud.StartAsync(
                new LocalCloudOptions { RepositoryRoot = RepositoryRoot.Find(), Faults = plan, TimeProvider = new ScaledTimeProvider(scale) },
                token).ConfigureAwait(false);
            var progress = new Progress<SoakProgress>(p => errors.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"soak  {p.Ended}/{count} ended  {p.Started - p.Ended} running  {p.Ended / Math.Max(p.Elapsed.TotalSeconds, 0.001):0.0}/s  {p.FaultsInjected} faults")));
            SoakReport report = await SoakRunner.RunAsync(
                cloud, new SoakOptions(count, parallel, result.GetValue(seed), result.GetValue(invalid)), progress, token).ConfigureAwait(false);
            foreach (string line in report.Lines())
            {
                await output.WriteLineAsync(line).ConfigureAwait(false);
            }

            return report.Invariants.Holds ? 0 : 1;
        });
        return command;
    }
}
