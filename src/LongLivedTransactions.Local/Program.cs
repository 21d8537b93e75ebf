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
    return 2;
}
