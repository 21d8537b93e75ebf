using LongLivedTransactions.Local.Cli;

// The local cloud's command line. Ctrl-C cancels whatever runs and stops everything it started.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    return args switch
    {
        ["run", .. var rest] => await RunCommand.ExecuteAsync(rest, Console.Out, Console.Error, cancellation.Token),
        ["up", .. var rest] => await UpCommand.ExecuteAsync(rest, Console.Out, Console.Error, cancellation.Token),
        ["soak", .. var rest] => await SoakCommand.ExecuteAsync(rest, Console.Out, Console.Error, cancellation.Token),
        _ => Usage(),
    };
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    return 130;
}

static int Usage()
{
    Console.Error.WriteLine("Usage: dotnet run --project src/LongLivedTransactions.Local -- <command>");
    Console.Error.WriteLine();
    Console.Error.WriteLine($"  {RunCommand.Usage}");
    Console.Error.WriteLine("      Run each scenario file as one execution of the saga and report what happened.");
    Console.Error.WriteLine($"  {UpCommand.Usage}\n      Serve the Step Functions API, the Lambda API and the web console on 127.0.0.1 until Ctrl-C.");
    Console.Error.WriteLine($"  {SoakCommand.Usage}\n      Run many executions with injected faults, then check the saga's invariants.");
    return 2;
}
